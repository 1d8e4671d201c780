/// One author's name split the way BibTeX splits it ("von Last, Jr, First" or "First von Last").
public struct PersonName: Hashable, Sendable {
    /// Given names ("Chiyuan").
    public var first: String
    /// Lower-case particles ("van der").
    public var von: String
    /// The family name ("Zhang"); never empty for a parsed name.
    public var last: String
    /// The suffix ("Jr.").
    public var jr: String

    /// Creates a name from its four BibTeX parts.
    public init(first: String = "", von: String = "", last: String, jr: String = "") {
        self.first = first; self.von = von; self.last = last; self.jr = jr
    }

    /// The family name with its particles, as a citation shows it ("van der Maaten", "Ver Steeg").
    public var citationName: String { von.isEmpty ? last : von + " " + last }

    /// The whole name in reading order ("Greg Ver Steeg").
    public var fullName: String {
        [first, von, last].filter { !$0.isEmpty }.joined(separator: " ") + (jr.isEmpty ? "" : ", " + jr)
    }
}
