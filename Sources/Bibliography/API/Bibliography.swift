/// The works a book cites: read from a BibTeX file, checked, and looked up by citation key.
///
/// ```swift
/// let bib = try Bibliography(contentsOf: "Chapters/references.bib")
/// bib["zhang2017"]?.citationLabel        // "Zhang et al. 2017"
/// bib.suggestion(for: "zang2017")         // "zhang2017"
/// ```
///
/// Every entry needs a title, a year and authors (or editors); keys are unique. Works whose
/// citation would read the same ("Harutyunyan et al. 2021" twice) get year letters (2021a, 2021b)
/// in the order of their titles.
public struct Bibliography: Sendable {
    /// The .bib file the entries come from.
    public let file: String
    /// The entries in file order.
    public let entries: [BibEntry]
    private let index: [String: Int]

    /// Parses and checks a .bib file; messages name it `displayName` (default: `path`).
    public init(contentsOf path: String, displayName: String? = nil) throws(BibliographyError) {
        let name = displayName ?? path
        do {
            try self.init(entries: BTParseReader.entries(path: path), file: name)
        } catch {
            throw BibliographyError(file: name, line: error.line, message: error.message)
        }
    }

    /// Checks entries (unique keys; title, year and authors present) and disambiguates years.
    public init(entries: [BibEntry], file: String) throws(BibliographyError) {
        var index: [String: Int] = [:]
        for (i, e) in entries.enumerated() {
            if let first = index[e.key] {
                throw BibliographyError(file: file, line: e.line, message: "duplicate key \"\(e.key)\" (first defined on line \(entries[first].line))")
            }
            let missing = ["title", "year"].filter { (e.fields[$0] ?? "").isEmpty } + (e.authors.isEmpty ? ["author"] : [])
            if !missing.isEmpty {
                throw BibliographyError(file: file, line: e.line, message: "entry \"\(e.key)\" has no \(missing.joined(separator: ", ")); an author–year citation needs author, title and year")
            }
            index[e.key] = i
        }
        var entries = entries
        let groups = Dictionary(grouping: entries.indices) { entries[$0].citationLabel }
        for (_, members) in groups where members.count > 1 {
            let byTitle = members.sorted { entries[$0].title < entries[$1].title }
            for (k, i) in byTitle.enumerated() { entries[i].yearSuffix = String(UnicodeScalar(UInt8(97 + k % 26))) }
        }
        self.file = file
        self.entries = entries
        self.index = index
    }

    /// The entry with this key, or nil.
    public subscript(key: String) -> BibEntry? { index[key].map { entries[$0] } }

    /// The defined key closest to `key` (edit distance at most a third of its length, at least 2),
    /// for "did you mean" messages; nil when nothing is close.
    public func suggestion(for key: String) -> String? {
        let scored = entries.map { (EditDistance.between(key.lowercased(), $0.key.lowercased()), $0.key) }
        guard let best = scored.min(by: { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }) else { return nil }
        return best.0 <= max(2, key.count / 3) ? best.1 : nil
    }

    /// The entries as a reference list orders them: by first author's family name, then year, then title.
    public var sorted: [BibEntry] {
        entries.sorted {
            ($0.authors.first?.last ?? "", $0.year, $0.title) < ($1.authors.first?.last ?? "", $1.year, $1.title)
        }
    }
}
