/// One citation written in a chapter, in Pandoc's syntax:
///
/// | written | form | reads |
/// | --- | --- | --- |
/// | `[@zhang2017]` | parenthetical | (Zhang et al. 2017) |
/// | `[@zhang2017; @arpit2017]` | parenthetical | (Zhang et al. 2017; Arpit et al. 2017) |
/// | `[@zhang2017, Table 1]` | parenthetical | (Zhang et al. 2017, Table 1) |
/// | `[-@zhang2017]` | year only | (2017) |
/// | `@zhang2017` | narrative | Zhang et al. (2017) |
///
/// Keys are letters, digits, `_` and `-`, starting with a letter; a colon ends them, so the
/// cross-references `@fig:name`, `@tbl:name` (prefix and colon) are never read as citations.
public struct Citation: Hashable, Sendable {
    /// How the citation reads in the sentence.
    public enum Form: Hashable, Sendable {
        /// Authors and year in parentheses.
        case parenthetical
        /// The authors as part of the sentence, the year in parentheses.
        case narrative
        /// Only the year, in parentheses (the sentence already names the authors).
        case yearOnly
    }

    /// One cited work: its key and an optional locator ("Table 1", "p. 4").
    public struct Work: Hashable, Sendable {
        /// The BibTeX key.
        public var key: String
        /// Text after the key's comma, or empty.
        public var locator: String
        /// Offset of the key's `@` from the start of the text the citation was found in, in characters.
        public var offset: Int
    }

    /// Parenthetical, narrative or year only.
    public var form: Form
    /// The works, in the order written.
    public var works: [Work]
}
