/// Text cut into plain runs and citations (see `Citation` for the syntax), so that a renderer can
/// escape the runs and link the citations.
///
/// ```swift
/// CitationText.segments("as shown [@zhang2017].")
/// // [.text("as shown "), .citation(Citation(form: .parenthetical, works: [zhang2017])), .text(".")]
/// ```
public enum CitationText {
    /// A run of text or a citation.
    public enum Segment: Hashable, Sendable {
        case text(String)
        case citation(Citation)
    }

    /// The segments of `text`, in order. Brackets that do not hold only `@key` items (`[a link]`,
    /// `[@]`) stay text; a bare `@key` inside other brackets is a narrative citation.
    public static func segments(_ text: String) -> [Segment] {
        let chars = Array(text)
        var out: [Segment] = []
        var run = ""
        var i = 0
        func flush() { if !run.isEmpty { out.append(.text(run)); run = "" } }
        while i < chars.count {
            if chars[i] == "[", let (citation, end) = bracketed(chars, from: i) {
                flush(); out.append(.citation(citation)); i = end; continue
            }
            if chars[i] == "@", i == 0 || !(chars[i - 1].isLetter || chars[i - 1].isNumber || chars[i - 1] == "_"),
               let (key, end) = key(chars, from: i + 1), !(end + 1 < chars.count && chars[end] == ":" && (chars[end + 1].isLetter || chars[end + 1].isNumber)) {
                flush(); out.append(.citation(Citation(form: .narrative, works: [.init(key: key, locator: "", offset: i)]))); i = end; continue
            }
            run.append(chars[i]); i += 1
        }
        flush()
        return out
    }

    /// `[@a; -@b, p. 3]` starting at `start`: the citation and the index after `]`, or nil.
    private static func bracketed(_ chars: [Character], from start: Int) -> (Citation, Int)? {
        guard let close = chars[start...].firstIndex(of: "]") else { return nil }
        let inner = chars[(start + 1)..<close]
        guard !inner.contains("[") else { return nil }
        var works: [Citation.Work] = [], yearOnly = false
        var itemStart = start + 1
        for (n, item) in inner.split(separator: ";", omittingEmptySubsequences: false).enumerated() {
            let leading = item.prefix(while: { $0 == " " }).count
            var k = itemStart + leading
            var suppress = false
            if k < close, chars[k] == "-" { suppress = true; k += 1 }
            guard k < close, chars[k] == "@", let (key, end) = key(chars, from: k + 1) else { return nil }
            var locator = String(chars[end..<(itemStart + item.count)])
            if !locator.isEmpty {
                guard locator.hasPrefix(",") else { return nil }
                locator = String(locator.dropFirst()).trimmingSpaces
            }
            if n == 0 { yearOnly = suppress } else if suppress != yearOnly { return nil }
            works.append(.init(key: key, locator: locator, offset: k))
            itemStart += item.count + 1
        }
        return (Citation(form: yearOnly ? .yearOnly : .parenthetical, works: works), close + 1)
    }

    /// A key starting at `start`: letters, digits, `_`, `-`, beginning with a letter and not ending
    /// in `-`; returns it and the index after it.
    private static func key(_ chars: [Character], from start: Int) -> (String, Int)? {
        guard start < chars.count, chars[start].isASCII, chars[start].isLetter else { return nil }
        var end = start
        while end < chars.count, chars[end].isASCII, chars[end].isLetter || chars[end].isNumber || chars[end] == "_" || chars[end] == "-" { end += 1 }
        while end > start + 1 && chars[end - 1] == "-" { end -= 1 }
        return (String(chars[start..<end]), end)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
