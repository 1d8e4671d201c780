/// The plain text of inlines (for titles, summaries, slugs and image alt text): text and code as
/// written, a space for a line break, nothing for raw HTML, and the text inside emphasis and links.
struct PlainText: MarkdownVisitor {
    /// The plain text of `inlines`.
    static func of(_ inlines: [MarkdownInline]) -> String {
        var visitor = PlainText()
        return inlines.map { visitor.visit($0) }.joined()
    }

    func defaultVisit(_ block: MarkdownBlock) -> String { "" }

    mutating func defaultVisit(_ inline: MarkdownInline) -> String {
        switch inline {
        case .text(let s), .code(let s): s
        case .softBreak, .lineBreak: " "
        case .html: ""
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): c.map { visit($0) }.joined()
        }
    }
}
