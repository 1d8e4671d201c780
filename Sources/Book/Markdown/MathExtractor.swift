/// One formula cut out of a chapter before Markdown parsing, so that CommonMark never sees TeX.
struct MathSpan: Sendable, Equatable {
    /// The TeX source between the delimiters.
    var tex: String
    /// `$$…$$` (display) or `$…$` (inline).
    var display: Bool
    /// The `{#eq:name}` label after a display formula, if any (without the `eq:` prefix).
    var label: String?
    /// The 1-based chapter line where the formula starts.
    var line: Int
}

/// Replaces `$…$` and `$$…$$` with placeholder words (outside code fences and code spans) and
/// remembers how lines of the protected text map back to chapter lines.
struct MathExtractor {
    /// The chapter text with every formula replaced by ``placeholder(_:)``.
    private(set) var text = ""
    /// The formulas, indexed by placeholder number.
    private(set) var spans: [MathSpan] = []
    /// `lineMap[i]` is the chapter line of protected line `i + 1`.
    private(set) var lineMap: [Int] = []

    /// The placeholder word for formula `index`; alphanumeric so that CommonMark leaves it alone.
    static func placeholder(_ index: Int) -> String { "MGMATH\(index)X" }

    /// Finds placeholders in a text node: returns text pieces and formula indices in order.
    static func split(_ text: String) -> [(text: String, math: Int?)] {
        var result: [(String, Int?)] = []
        var rest = Substring(text)
        while let range = rest.range(of: "MGMATH") {
            let after = rest[range.upperBound...]
            let digits = after.prefix(while: { $0.isASCII && $0.isNumber })
            let end = after.index(after.startIndex, offsetBy: digits.count)
            if !digits.isEmpty, end < after.endIndex, after[end] == "X", let index = Int(digits) {
                if range.lowerBound > rest.startIndex { result.append((String(rest[..<range.lowerBound]), nil)) }
                result.append(("", index))
                rest = after[after.index(after: end)...]
            } else {
                result.append((String(rest[..<range.upperBound]), nil))
                rest = after
            }
        }
        if !rest.isEmpty { result.append((String(rest), nil)) }
        return result
    }

    /// Protects the formulas of `source`.
    init(_ source: String) {
        let chars = Array(source.unicodeScalars)
        var out = String.UnicodeScalarView()
        var line = 1
        var fence: (char: Unicode.Scalar, count: Int)? = nil
        var atLineStart = true
        var i = 0
        lineMap = [1]

        func emitNewline() { out.append("\n"); lineMap.append(line) }

        while i < chars.count {
            let c = chars[i]
            if atLineStart {
                atLineStart = false
                // Fences are recognised at the start of a line (up to three spaces of indentation).
                var j = i, indent = 0
                while j < chars.count, chars[j] == " ", indent < 4 { j += 1; indent += 1 }
                if indent < 4, j < chars.count, chars[j] == "`" || chars[j] == "~" {
                    let mark = chars[j]
                    var n = 0
                    while j + n < chars.count, chars[j + n] == mark { n += 1 }
                    var isFenceLine = false
                    if n >= 3 {
                        if let open = fence {
                            if open.char == mark && n >= open.count { fence = nil; isFenceLine = true }
                        } else {
                            fence = (mark, n)
                            isFenceLine = true
                        }
                    }
                    if isFenceLine {
                        // An opening or closing fence line is copied whole: its backticks and info
                        // string are neither a code span nor math.
                        while i < chars.count, chars[i] != "\n" { out.append(chars[i]); i += 1 }
                        continue
                    }
                }
            }
            if c == "\n" {
                line += 1
                emitNewline()
                atLineStart = true
                i += 1
                continue
            }
            if fence != nil { out.append(c); i += 1; continue }
            if c == "\\", i + 1 < chars.count, chars[i + 1] != "\n" {
                out.append(c); out.append(chars[i + 1]); i += 2; continue
            }
            if c == "`" {
                var n = 0
                while i + n < chars.count, chars[i + n] == "`" { n += 1 }
                if let close = MathExtractor.findBacktickRun(chars, from: i + n, length: n) {
                    for k in i..<(close + n) {
                        out.append(chars[k])
                        if chars[k] == "\n" { line += 1; lineMap.append(line) }
                    }
                    i = close + n
                } else {
                    for _ in 0..<n { out.append("`") }
                    i += n
                }
                continue
            }
            if c == "$" {
                if i + 1 < chars.count, chars[i + 1] == "$",
                   let close = MathExtractor.find(chars, "$$", from: i + 2) {
                    let tex = String(String.UnicodeScalarView(chars[(i + 2)..<close]))
                    var j = close + 2
                    var label: String? = nil
                    var k = j
                    while k < chars.count, chars[k] == " " { k += 1 }
                    if k + 4 < chars.count, String(String.UnicodeScalarView(chars[k..<(k + 5)])) == "{#eq:",
                       let end = chars[k...].firstIndex(of: "}"), !chars[k..<end].contains("\n") {
                        label = String(String.UnicodeScalarView(chars[(k + 5)..<end]))
                        j = end + 1
                    }
                    spans.append(MathSpan(tex: tex.trimmingWhitespace, display: true, label: label, line: line))
                    out.append(contentsOf: MathExtractor.placeholder(spans.count - 1).unicodeScalars)
                    line += tex.unicodeScalars.filter { $0 == "\n" }.count
                    i = j
                    continue
                }
                if i + 1 < chars.count, !chars[i + 1].properties.isWhitespace, chars[i + 1] != "$",
                   let close = MathExtractor.findInlineClose(chars, from: i + 1) {
                    let tex = String(String.UnicodeScalarView(chars[(i + 1)..<close]))
                    spans.append(MathSpan(tex: tex, display: false, label: nil, line: line))
                    out.append(contentsOf: MathExtractor.placeholder(spans.count - 1).unicodeScalars)
                    line += tex.unicodeScalars.filter { $0 == "\n" }.count
                    i = close + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        text = String(out)
    }

    private static func findBacktickRun(_ chars: [Unicode.Scalar], from start: Int, length: Int) -> Int? {
        var i = start
        while i < chars.count {
            if chars[i] == "`" {
                var n = 0
                while i + n < chars.count, chars[i + n] == "`" { n += 1 }
                if n == length { return i }
                i += n
            } else { i += 1 }
        }
        return nil
    }

    private static func find(_ chars: [Unicode.Scalar], _ needle: String, from start: Int) -> Int? {
        let pattern = Array(needle.unicodeScalars)
        var i = start
        while i + pattern.count <= chars.count {
            if chars[i] == "\\" { i += 2; continue }
            if Array(chars[i..<(i + pattern.count)]) == pattern { return i }
            i += 1
        }
        return nil
    }

    /// The closing `$` of an inline formula: not after whitespace, not before a digit, no blank line.
    private static func findInlineClose(_ chars: [Unicode.Scalar], from start: Int) -> Int? {
        var i = start
        while i < chars.count {
            let c = chars[i]
            if c == "\\" { i += 2; continue }
            if c == "\n", i + 1 < chars.count, chars[i + 1] == "\n" { return nil }
            if c == "$" {
                let before = chars[i - 1]
                let after: Unicode.Scalar? = i + 1 < chars.count ? chars[i + 1] : nil
                if !before.properties.isWhitespace, !(after.map { $0.properties.numericType != nil } ?? false) {
                    return i
                }
                return nil
            }
            i += 1
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
