/// One start tag found by `HTMLScanner`.
struct HTMLTag: Equatable {
    /// Lower-cased element name (`a`, `img`, …).
    let name: String
    /// Attributes with lower-cased names and entity-decoded values; a bare attribute maps to "".
    let attributes: [String: String]
    /// 1-based line of the `<` that opens the tag.
    let line: Int
}

/// A small, tolerant scanner that lists the start tags of an HTML document with their attributes.
///
/// It is not an HTML parser, and it does not build a tree. What it does:
/// - finds every start tag `<name attr=value attr='value' attr="value" bare>` and its line number;
/// - skips comments `<!-- … -->`, `<!DOCTYPE …>`, `<?…>`, CDATA, and end tags;
/// - skips the raw text inside `<script>`, `<style>`, `<textarea>` and `<title>`, so markup-like text in
///   scripts is not mistaken for tags;
/// - decodes `&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;` in attribute values (other named entities are
///   left as written).
///
/// Limits, on purpose: no implied or mis-nested tags, no `<template>` or foreign-content rules, other
/// named entities are not decoded, a `>` inside an unquoted attribute value ends the tag, and tags created
/// later by scripts are not seen. For pages that a generator writes this is enough; the browser checks
/// see the live DOM.
struct HTMLScanner {
    private let bytes: [UInt8]

    /// Elements whose content is raw text up to the matching end tag.
    private static let rawTextElements: Set<String> = ["script", "style", "textarea", "title"]

    init(_ html: String) {
        self.bytes = Array(html.utf8)
    }

    /// Every start tag in document order.
    func tags() -> [HTMLTag] {
        var result: [HTMLTag] = []
        var index = 0
        var line = 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if starts(with: "<!--", at: index) {
                index = skip(past: "-->", from: index + 4, line: &line)
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                index = skip(past: ">", from: index + 2, line: &line)
            } else if isLetter(next) {
                let tagLine = line
                let (tag, end) = scanTag(from: index + 1, line: &line)
                result.append(HTMLTag(name: tag.name, attributes: tag.attributes, line: tagLine))
                index = end
                if Self.rawTextElements.contains(tag.name) {
                    index = skipRawText(of: tag.name, from: index, line: &line)
                }
            } else {
                index += 1
            }
        }
        return result
    }

    // MARK: - Pieces

    /// Scans `name attr=value …>` starting at the first letter of the name; returns the index after `>`.
    private func scanTag(from start: Int, line: inout Int) -> (tag: (name: String, attributes: [String: String]), end: Int) {
        var index = start
        let name = scanName(&index).lowercased()
        var attributes: [String: String] = [:]
        while index < bytes.count {
            skipSpace(&index, line: &line)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") {
                return ((name, attributes), index + 1)
            }
            if byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            let attributeName = scanName(&index).lowercased()
            if attributeName.isEmpty {
                index += 1  // stray character such as a quote: skip it
                continue
            }
            skipSpace(&index, line: &line)
            var value = ""
            if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                index += 1
                skipSpace(&index, line: &line)
                value = scanValue(&index, line: &line)
            }
            if attributes[attributeName] == nil {  // the first of duplicate attributes wins, as in HTML
                attributes[attributeName] = Self.decodeEntities(value)
            }
        }
        return ((name, attributes), index)
    }

    private func scanName(_ index: inout Int) -> String {
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                break
            }
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func scanValue(_ index: inout Int, line: inout Int) -> String {
        guard index < bytes.count else { return "" }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] != quote {
                if bytes[end] == UInt8(ascii: "\n") { line += 1 }
                end += 1
            }
            index = min(end + 1, bytes.count)
            return String(decoding: bytes[start..<end], as: UTF8.self)
        }
        let start = index
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") {
            index += 1
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private func skipRawText(of name: String, from start: Int, line: inout Int) -> Int {
        let closing = Array("</\(name)".utf8)
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            if bytes[index] == UInt8(ascii: "<"), index + closing.count <= bytes.count,
               zip(bytes[index..<index + closing.count], closing).allSatisfy({ lowercase($0) == $1 }) {
                return index
            }
            index += 1
        }
        return index
    }

    private func skip(past terminator: String, from start: Int, line: inout Int) -> Int {
        let pattern = Array(terminator.utf8)
        var index = start
        while index < bytes.count {
            if starts(with: pattern, at: index) { return index + pattern.count }
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        return index
    }

    private func skipSpace(_ index: inout Int, line: inout Int) {
        while index < bytes.count, isSpace(bytes[index]) {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
    }

    private func starts(with text: String, at index: Int) -> Bool {
        starts(with: Array(text.utf8), at: index)
    }

    private func starts(with pattern: [UInt8], at index: Int) -> Bool {
        index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
    }

    private func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    private func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    // MARK: - Entities

    /// Decodes the XML entities and numeric character references; other `&name;` stay as written.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var result = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            result += rest[..<amp]
            let afterAmp = rest[rest.index(after: amp)...]
            guard let semicolon = afterAmp.prefix(12).firstIndex(of: ";") else {
                result += "&"
                rest = afterAmp
                continue
            }
            let entity = afterAmp[..<semicolon]
            if let decoded = decode(entity: entity) {
                result += decoded
                rest = afterAmp[afterAmp.index(after: semicolon)...]
            } else {
                result += "&"
                rest = afterAmp
            }
        }
        return result + rest
    }

    private static func decode(entity: Substring) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard entity.hasPrefix("#") else { return nil }
            let digits = entity.dropFirst()
            let value: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits, radix: 10)
            }
            return value.flatMap(Unicode.Scalar.init).map { String(Character($0)) }
        }
    }
}
