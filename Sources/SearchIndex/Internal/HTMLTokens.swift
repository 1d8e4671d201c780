import Foundation

/// The tags and text of a piece of generated HTML, in order (comments skipped, entities decoded).
struct HTMLTokens: Sequence, IteratorProtocol {
    enum Token: Equatable {
        case open(String, [String: String])
        case close(String)
        case text(String)
    }

    private let chars: [Character]
    private var i = 0

    init(_ html: Substring) { chars = Array(html) }

    mutating func next() -> Token? {
        guard i < chars.count else { return nil }
        if chars[i] != "<" {
            let start = i
            while i < chars.count && chars[i] != "<" { i += 1 }
            return .text(Self.decode(String(chars[start..<i])))
        }
        if chars[i...].starts(with: "<!--") {
            while i < chars.count && !chars[i...].starts(with: "-->") { i += 1 }
            i = Swift.min(chars.count, i + 3)
            return next()
        }
        // A tag: read to the closing ">" outside quotes.
        let start = i + 1
        var quote: Character? = nil
        i += 1
        while i < chars.count {
            let c = chars[i]
            if let q = quote { if c == q { quote = nil } } else if c == "\"" || c == "'" { quote = c } else if c == ">" { break }
            i += 1
        }
        let inner = String(chars[start..<Swift.min(i, chars.count)])
        i += 1
        if inner.hasPrefix("/") {
            return .close(inner.dropFirst().trimmingCharacters(in: CharacterSet(charactersIn: " \n\t/")).lowercased())
        }
        if inner.hasPrefix("!") { return next() }   // <!DOCTYPE …>
        return Self.openTag(inner)
    }

    /// The name and attributes of `name a="x" b='y' c`.
    static func openTag(_ inner: String) -> Token {
        let s = Array(inner)
        var k = 0
        func skipSpace() { while k < s.count && (s[k].isWhitespace || s[k] == "/") { k += 1 } }
        func word() -> String {
            let a = k
            while k < s.count && !s[k].isWhitespace && s[k] != "=" && s[k] != "/" { k += 1 }
            return String(s[a..<k])
        }
        let name = word().lowercased()
        var attributes: [String: String] = [:]
        while true {
            skipSpace()
            guard k < s.count else { break }
            let key = word().lowercased()
            if key.isEmpty { k += 1; continue }
            var value = ""
            if k < s.count && s[k] == "=" {
                k += 1
                if k < s.count && (s[k] == "\"" || s[k] == "'") {
                    let q = s[k]; k += 1
                    let a = k
                    while k < s.count && s[k] != q { k += 1 }
                    value = String(s[a..<Swift.min(k, s.count)]); k += 1
                } else { value = word() }
            }
            attributes[key] = decode(value)
        }
        return .open(name, attributes)
    }

    /// Decodes the character references the generator writes: named basics and numeric ones.
    static func decode(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
                                       "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "minus": "\u{2212}", "times": "×"]
        var out = ""
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.prefix(10).firstIndex(of: ";") {
                let name = String(after[..<semi])
                var replacement: String?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    replacement = UInt32(name.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if name.hasPrefix("#") {
                    replacement = UInt32(name.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else { replacement = named[name] }
                if let replacement { out += replacement; rest = after[after.index(after: semi)...]; continue }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}
