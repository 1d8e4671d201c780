import Foundation

/// The full-text search of the report, working from disk without a server: the book's sections as
/// documents, written as a script (`search-index.js` sets `window.memgenSearchDocuments`,
/// because a page opened from `file://` cannot fetch JSON), Debian's lunr.js copied beside it,
/// and a small script that adds a search box to every page and builds the lunr index on first use.
///
/// ```swift
/// var search = SearchIndex()
/// for (path, html) in pages { search.addPage(html: html, url: path) }
/// for (path, bytes) in try search.assets() { try bytes.write(to: output.appendingPathComponent(path)) }
/// ```
/// The index sits beside the pages rather than under `assets/`, which holds only files that do not
/// change with the book. Pages load `assets/search/lunr.min.js`, `search-index.js` and `assets/search/search.js`
/// (in that order, at the end of the body); `search.js` adds its own stylesheet.
public struct SearchIndex: Sendable {
    /// Where Debian's `libjs-lunr` installs lunr.
    public static let lunrPath = "/usr/share/javascript/lunr/lunr.min.js"
    /// The scripts a page includes, in order, relative to the output folder.
    public static let scripts = ["assets/search/lunr.min.js", "search-index.js", "assets/search/search.js"]

    /// The documents, in the order pages were added.
    public private(set) var documents: [SearchDocument] = []

    /// An empty index.
    public init() {}

    /// Adds the sections of one rendered page: the text inside `<main>` (the whole body when there
    /// is none), cut at every `h1`–`h3` that has an `id`; navigation, scripts and styles are skipped.
    public mutating func addPage(html: String, url: String) {
        documents += PageSections.split(html: html, url: url)
    }

    /// The index script: `window.memgenSearchDocuments = [...]` with keys sorted (same book, same bytes).
    public func script() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(documents), as: UTF8.self)
        return "// Written by memgen-book: the searchable sections of every page, for assets/search/search.js.\nwindow.memgenSearchDocuments = \(json);\n"
    }

    /// Relative path → bytes of the search files; throws when lunr is not installed.
    public func assets(lunrPath: String = SearchIndex.lunrPath) throws -> [String: Data] {
        guard let lunr = FileManager.default.contents(atPath: lunrPath) else {
            throw SearchIndexError("lunr is missing: cannot read \(lunrPath) (install the Debian package libjs-lunr; `make deps` does)")
        }
        return [
            "assets/search/lunr.min.js": lunr,
            "search-index.js": Data(try script().utf8),
            "assets/search/search.js": Data(SearchScript.source.utf8),
            "assets/search/search.css": Data(SearchScript.stylesheet.utf8),
        ]
    }
}
