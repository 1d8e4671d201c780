import Foundation

/// One line of text written in a directive or summary (captions, statements), with `$…$` formulas
/// and `@fig:name`-style references.
enum InlineText {
    /// As HTML: escaped, formulas in `.math` elements for KaTeX, references as links.
    static func html(_ text: String, index: BookIndex, from slug: String) -> String {
        var out = ""
        var rest = Substring(text)
        func prose(_ piece: String) -> String {
            ProseRenderer.linkingReferences(piece, index: index, from: slug).html
        }
        while let open = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "$"), close > after.startIndex else { break }
            out += prose(String(rest[..<open]))
            out += "<span class=\"math inline\">\(String(after[..<close]).htmlEscaped)</span>"
            rest = after[after.index(after: close)...]
        }
        return out + prose(String(rest))
    }

    /// As plain text (for `alt` attributes): formulas as their TeX source, references as what their
    /// links say ("Figure 2.1", "(3.2)"); unknown references stay as written.
    static func plain(_ text: String, index: BookIndex) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "$"), close > after.startIndex else { break }
            out += references(String(rest[..<open]), index: index)
            out += after[..<close]
            rest = after[after.index(after: close)...]
        }
        return out + references(String(rest), index: index)
    }

    private static func references(_ text: String, index: BookIndex) -> String {
        let ns = text as NSString
        var out = "", last = 0
        for match in ProseRenderer.referencePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let whole = ns.substring(with: match.range)
            if let target = index.targets[String(whole.dropFirst())] {
                out += target.kind == .equation ? "(\(target.number))" : target.displayName
            } else {
                out += whole
            }
            last = match.range.location + match.range.length
        }
        return out + ns.substring(from: last)
    }
}
