import Bibliography

/// The HTML of reference lists: the works one chapter cites (at its end) or the whole bibliography
/// (its own page). Each entry has the id `ref-<key>` that citations link to.
enum ReferenceList {
    /// `<section class="references">` with the works of `keys`, sorted as a reference list is;
    /// empty when `keys` is.
    static func section(keys: [String], bibliography: Bibliography, heading: String = "References") -> String {
        let entries = bibliography.sorted.filter { keys.contains($0.key) }
        guard !entries.isEmpty else { return "" }
        return "<section class=\"references\" id=\"references\">\n<h2 id=\"sec-references\">\(heading.htmlEscaped)</h2>\n"
            + list(entries) + "</section>\n"
    }

    /// `<ol class="reference-list">` of the entries.
    static func list(_ entries: [BibEntry]) -> String {
        "<ol class=\"reference-list\">\n" + entries.map { "<li class=\"reference\" id=\"ref-\($0.key.htmlEscaped)\">\(item($0))</li>\n" }.joined() + "</ol>\n"
    }

    /// One entry: `Authors (year). Title. Venue. link`.
    static func item(_ e: BibEntry) -> String {
        var html = "\(e.authorList.htmlEscaped) (\(e.year.htmlEscaped)). <cite>\(e.title.htmlEscaped)</cite>."
        let venue = e.fields["eprint"] != nil && e.fields["journal"] == nil && e.fields["booktitle"] == nil ? "" : e.venue
        if !venue.isEmpty {
            html += " <span class=\"venue\">\(venue.htmlEscaped)</span>"
            if let v = e.fields["volume"] { html += " \(v.htmlEscaped)" }
            if let p = e.fields["pages"] { html += ", \(p.htmlEscaped)" }
            html += "."
        }
        if let link = e.link {
            let text = e.fields["eprint"].map { "arXiv:" + $0 } ?? e.fields["doi"].map { "doi:" + $0 } ?? link
            html += " <a class=\"reference-link\" href=\"\(link.safeURL)\">\(text.htmlEscaped)</a>"
        }
        return html
    }
}
