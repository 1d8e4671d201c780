/// A block of a parsed chapter: immutable Swift values made from libcmark's tree.
indirect enum MarkdownBlock: Sendable, Equatable {
    case paragraph([MarkdownInline], line: Int)
    case heading(level: Int, [MarkdownInline], line: Int)
    /// A fenced or indented code block; `line` is the fence line, `column` its first column.
    case codeBlock(info: String, literal: String, line: Int, column: Int)
    case htmlBlock(String, line: Int)
    case blockQuote([MarkdownBlock])
    case list(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]])
    case thematicBreak
}

/// An inline element of a parsed chapter.
indirect enum MarkdownInline: Sendable, Equatable {
    case text(String)
    case code(String)
    case softBreak
    case lineBreak
    case html(String)
    case emphasis([MarkdownInline])
    case strong([MarkdownInline])
    case link(url: String, title: String, [MarkdownInline])
    case image(url: String, title: String, [MarkdownInline])
}
