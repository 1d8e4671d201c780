/// One line of text as HTML: escaped, `$…$` formulas in `.math` elements for KaTeX, and
/// `@fig:name`-style references as links (captions, statements and chapter summaries).
enum InlineText {
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
}
