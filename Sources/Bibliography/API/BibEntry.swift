/// One work of the bibliography: a BibTeX entry with its fields already reduced to plain text.
///
/// ```swift
/// let zhang = bibliography["zhang2017"]!
/// zhang.citationLabel   // "Zhang et al. 2017"
/// zhang.venue           // "International Conference on Learning Representations (ICLR)"
/// ```
public struct BibEntry: Hashable, Sendable {
    /// The citation key (`zhang2017`).
    public var key: String
    /// The entry type in lower case (`article`, `inproceedings`, `misc`, …).
    public var type: String
    /// Every field, names in lower case, values with TeX braces removed.
    public var fields: [String: String]
    /// The authors (or, when there are none, the editors) in order.
    public var authors: [PersonName]
    /// The line of the `@type{key,` in the .bib file.
    public var line: Int
    /// A letter after the year when two works share authors' names and year ("a", "b"), set by
    /// `Bibliography`; empty otherwise.
    public var yearSuffix: String = ""

    /// Creates an entry (the parser and tests build them; chapters read them).
    public init(key: String, type: String, fields: [String: String], authors: [PersonName], line: Int) {
        self.key = key; self.type = type; self.fields = fields; self.authors = authors; self.line = line
    }

    /// The title.
    public var title: String { fields["title"] ?? "" }
    /// The year with its disambiguating letter ("2021a").
    public var year: String { (fields["year"] ?? "") + yearSuffix }
    /// Where it appeared: the journal, the proceedings, or the arXiv identifier.
    public var venue: String {
        if let j = fields["journal"] { return j }
        if let b = fields["booktitle"] { return b }
        if let e = fields["eprint"] { return "arXiv:" + e }
        return fields["publisher"] ?? fields["howpublished"] ?? ""
    }
    /// A link to the work: its `url`, else its DOI, else its arXiv page; nil when it has none.
    public var link: String? {
        if let u = fields["url"] { return u }
        if let d = fields["doi"] { return "https://doi.org/" + d }
        if let e = fields["eprint"] { return "https://arxiv.org/abs/" + e }
        return nil
    }

    /// The authors as an author–year citation names them: "Chatterjee", "Chatterjee and
    /// Zielinski", "Zhang et al.".
    public var citationAuthors: String {
        switch authors.count {
        case 0: return title
        case 1: return authors[0].citationName
        case 2: return authors[0].citationName + " and " + authors[1].citationName
        default: return authors[0].citationName + " et al."
        }
    }

    /// The parenthetical citation text without parentheses: "Zhang et al. 2017".
    public var citationLabel: String { citationAuthors + " " + year }

    /// Every author's full name, joined for a reference list ("A, B and C").
    public var authorList: String {
        let names = authors.map(\.fullName)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
