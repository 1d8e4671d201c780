import Bibliography

/// Turns the citations in a piece of chapter text into author–year links to the chapter's reference
/// list (`#ref-key`), remembering which works the chapter cites, in order of first citation.
///
/// Text between citations goes through `plain` (the caller's escaping and cross-reference
/// linking). An unknown key is kept visible (`[@zang2017]??`) and reported with the key's column on
/// its chapter line and the nearest defined key.
struct CitationRenderer {
    /// The book's bibliography; nil when `Chapters/references.bib` does not exist.
    let bibliography: Bibliography?
    /// Where a missing bibliography should have been, for the error message.
    let bibliographyPath: String
    /// Keys cited so far, in order of first citation.
    private(set) var cited: [String] = []

    init(bibliography: Bibliography?, bibliographyPath: String) {
        self.bibliography = bibliography
        self.bibliographyPath = bibliographyPath
    }

    /// The HTML of `text` and the problems found (each with the offset of the key's `@` in `text`).
    mutating func html(_ text: String, plain: (String) -> String) -> (html: String, problems: [(offset: Int, message: String)]) {
        var out = "", problems: [(Int, String)] = []
        var offset = 0
        for segment in CitationText.segments(text) {
            switch segment {
            case .text(let t):
                out += plain(t); offset += t.count
            case .citation(let c):
                let written = Self.written(c)
                offset += written.count
                guard let bibliography else {
                    problems.append((c.works[0].offset, "citation \(written) but there is no bibliography (\(bibliographyPath))"))
                    out += "<span class=\"citation-missing\">\(written.htmlEscaped)??</span>"
                    continue
                }
                do {
                    let parts = try bibliography.parts(of: c)
                    let links = parts.works.map { "<a class=\"citation\" href=\"#ref-\($0.key.htmlEscaped)\">\($0.text.htmlEscaped)</a>" }
                    out += parts.open.htmlEscaped + links.joined(separator: "; ") + parts.close.htmlEscaped
                    for w in parts.works where !cited.contains(w.key) { cited.append(w.key) }
                } catch {
                    problems.append((error.offset, error.description))
                    out += "<span class=\"citation-missing\" title=\"unknown citation key\">\(written.htmlEscaped)??</span>"
                }
            }
        }
        return (out, problems)
    }

    /// The citation as a chapter would write it (for messages and unresolved output).
    static func written(_ c: Citation) -> String {
        let items = c.works.map { (c.form == .yearOnly ? "-@" : "@") + $0.key + ($0.locator.isEmpty ? "" : ", " + $0.locator) }
        return c.form == .narrative ? items[0] : "[" + items.joined(separator: "; ") + "]"
    }
}
