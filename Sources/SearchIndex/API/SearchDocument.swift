/// One searchable piece of the book: a section of a page, with the link that opens it.
public struct SearchDocument: Hashable, Sendable, Codable {
    /// The link relative to the output folder (`01-random-labels.html#sec-question`).
    public var url: String
    /// The page's title ("Fitting random labels").
    public var page: String
    /// The section heading, or empty for the text before the first heading.
    public var section: String
    /// The section's visible text, whitespace collapsed.
    public var text: String

    /// Creates a document.
    public init(url: String, page: String, section: String, text: String) {
        self.url = url; self.page = page; self.section = section; self.text = text
    }
}
