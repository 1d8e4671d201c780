import Bibliography
import Foundation
import PrintBook
import SearchIndex

/// What the site adds for readers beyond its chapter pages: each chapter's reference list, the
/// bibliography page, the full-text search (index and assets) and the one-page printable book.
enum ReaderPages {
    static let bibliographyPage = "bibliography.html"
    static let printPage = "print.html"

    /// The reference list at the end of a chapter (empty when it cites nothing).
    static func chapterReferences(_ state: BuildState, _ chapter: Chapter) -> String {
        guard let bib = state.index.bibliography else { return "" }
        return ReferenceList.section(keys: CitationCheck.citedKeys(source: state.sources[chapter.slug] ?? "", bibliography: bib), bibliography: bib)
    }

    /// The bibliography page's content: every work of the book, with the chapters that cite it.
    static func bibliography(_ state: BuildState) -> String? {
        guard let bib = state.index.bibliography, !bib.entries.isEmpty else { return nil }
        var citedBy: [String: [Chapter]] = [:]
        for c in state.chapters {
            for key in CitationCheck.citedKeys(source: state.sources[c.slug] ?? "", bibliography: bib) { citedBy[key, default: []].append(c) }
        }
        var html = "<h1 id=\"top\">Bibliography</h1>\n<p>Every work the chapters cite, with the chapters that cite it.</p>\n<ol class=\"reference-list\">\n"
        for e in bib.sorted {
            let citing = citedBy[e.key] ?? []
            let numbered = citing.filter(\.isNumbered).map { "<a href=\"\($0.slug).html#references\">\($0.number)</a>" }
            let front = citing.filter { !$0.isNumbered }.map { "<a href=\"\($0.slug).html#references\">\($0.title.htmlEscaped)</a>" }
            let places = front + (numbered.isEmpty ? [] : ["chapter\(numbered.count == 1 ? "" : "s") " + numbered.joined(separator: ", ")])
            let cited = places.isEmpty ? "" : " <span class=\"cited-in\">Cited in \(places.joined(separator: "; ")).</span>"
            html += "<li class=\"reference\" id=\"ref-\(e.key.htmlEscaped)\">\(ReferenceList.item(e))\(cited)</li>\n"
        }
        return html + "</ol>\n"
    }

    /// Adds the search index and assets (over every page written so far) and the printable book.
    static func finish(_ output: SiteOutput, _ state: BuildState) throws {
        let pages = output.files.keys.filter { $0.hasSuffix(".html") && !$0.contains("/") && $0 != printPage }.sorted()
        var search = SearchIndex()
        for page in pages { search.addPage(html: String(decoding: output.files[page]!, as: UTF8.self), url: page) }
        for (path, data) in try search.assets() { output.files[path] = data }
        let chapters = state.chapters.map { "\($0.slug).html" } + ["reproducibility.html"]
        let printable = PrintBook(title: state.config.title, pages: chapters.compactMap { page in
            output.files[page].map { (path: page, html: String(decoding: $0, as: UTF8.self)) }
        })
        output.files[printPage] = Data(printable.html().utf8)
    }
}
