import Bibliography

/// Turns the citations in a piece of chapter text into author–year links to the page's reference
/// list (`#ref-key`; pages without one, such as the home page, link to the bibliography page). Text between citations goes through `plain` (the caller's escaping and
/// cross-reference linking). A citation of an unknown key stays visible (`[@zang2017]??`); the
/// error itself, with its line and column, comes from ``CitationCheck``.
enum CitationRenderer {
    /// - Parameter referencePage: the page whose reference list the links point at ("" for this page).
    static func html(_ text: String, bibliography: Bibliography?, referencePage: String = "", plain: (String) -> String) -> String {
        guard text.contains("@") else { return plain(text) }
        var out = ""
        for segment in CitationText.segments(text) {
            switch segment {
            case .text(let t):
                out += plain(t)
            case .citation(let c):
                guard let bibliography, let parts = try? bibliography.parts(of: c) else {
                    out += "<span class=\"citation-missing\" title=\"unknown citation key\">\(written(c).htmlEscaped)??</span>"
                    continue
                }
                let links = parts.works.map { "<a class=\"citation\" href=\"\(referencePage.htmlEscaped)#ref-\($0.key.htmlEscaped)\">\($0.text.htmlEscaped)</a>" }
                out += parts.open.htmlEscaped + links.joined(separator: "; ") + parts.close.htmlEscaped
            }
        }
        return out
    }

    /// `text` with its citations as they read ("Zhang et al. (2017)"), no markup: for alt text.
    static func plain(_ text: String, bibliography: Bibliography?) -> String {
        guard text.contains("@"), let bibliography else { return text }
        return CitationText.segments(text).map { segment in
            switch segment {
            case .text(let t): return t
            case .citation(let c):
                guard let p = try? bibliography.parts(of: c) else { return written(c) }
                return p.open + p.works.map(\.text).joined(separator: "; ") + p.close
            }
        }.joined()
    }

    /// The citation as a chapter would write it (for messages and unresolved output).
    static func written(_ c: Citation) -> String {
        let items = c.works.map { (c.form == .yearOnly ? "-@" : "@") + $0.key + ($0.locator.isEmpty ? "" : ", " + $0.locator) }
        return c.form == .narrative ? items[0] : "[" + items.joined(separator: "; ") + "]"
    }
}
