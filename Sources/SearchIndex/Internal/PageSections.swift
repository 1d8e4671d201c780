/// Cuts a page that memgen-book rendered into search documents, one per `h1`–`h3` with an `id`.
///
/// A small scanner over the generator's own markup (well-formed, attributes quoted): text nodes
/// are kept, tags become spaces, and the contents of `script`, `style`, `nav`, `template`,
/// `button` and of `a.anchor` (the "#" after headings) are dropped.
enum PageSections {
    static let skipped: Set<String> = ["script", "style", "nav", "template", "button", "noscript", "svg"]
    /// Inline (phrasing) elements: text on either side of them belongs to the same words, so they
    /// add no space ("Zhang et al. (2017)’s", not "(2017) ’s"); every other tag separates words.
    static let phrasing: Set<String> = ["a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "samp", "small",
                                        "span", "strong", "sub", "sup", "time", "u", "var"]

    static func split(html: String, url: String) -> [SearchDocument] {
        let page = pageTitle(html)
        var body = Substring(html)
        if let start = html.range(of: "<main"), let end = html.range(of: "</main>", range: start.upperBound..<html.endIndex) {
            body = html[start.lowerBound..<end.lowerBound]
        }
        var out: [SearchDocument] = []
        var anchor = "", heading = "", text = "", inHeading: String? = nil
        var skipDepth = 0, skipTag = ""
        func flush() {
            let t = collapse(text)
            if !t.isEmpty || !heading.isEmpty {
                out.append(SearchDocument(url: anchor.isEmpty ? url : url + "#" + anchor, page: page, section: collapse(heading), text: t))
            }
            text = ""
        }
        for token in HTMLTokens(body) {
            switch token {
            case .text(let t):
                guard skipDepth == 0 else { continue }
                if inHeading != nil { heading += t } else { text += t }
            case .open(let tag, let attributes):
                if skipDepth > 0 { if tag == skipTag { skipDepth += 1 }; continue }
                if skipped.contains(tag) || (tag == "a" && attributes["class"]?.split(separator: " ").contains("anchor") == true) {
                    skipDepth = 1; skipTag = tag; continue
                }
                if ["h1", "h2", "h3"].contains(tag), let id = attributes["id"] {
                    flush()
                    anchor = id; heading = ""; inHeading = tag
                } else if !phrasing.contains(tag) { if inHeading != nil { heading += " " } else { text += " " } }
            case .close(let tag):
                if skipDepth > 0 { if tag == skipTag { skipDepth -= 1 }; continue }
                if tag == inHeading { inHeading = nil }
                else if !phrasing.contains(tag) { if inHeading != nil { heading += " " } else { text += " " } }
            }
        }
        flush()
        return out
    }

    /// The `<title>` up to its " · " (the book's name follows it), entities decoded.
    static func pageTitle(_ html: String) -> String {
        guard let a = html.range(of: "<title>"), let b = html.range(of: "</title>", range: a.upperBound..<html.endIndex) else { return "" }
        let full = HTMLTokens.decode(String(html[a.upperBound..<b.lowerBound]))
        return String(full.components(separatedBy: " · ").first ?? full)
    }

    /// Runs of whitespace as one space, trimmed.
    static func collapse(_ s: String) -> String {
        s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
