/// A walk over a parsed chapter, one method per kind of node, as swift-markdown's `MarkupVisitor`.
///
/// `visit(_:)` calls the method for the node's kind; every method defaults to `defaultVisit(_:)`,
/// so a visitor writes only the methods for the nodes it cares about. A visitor that collects
/// rather than produces (`Result == Void`) descends into children by default (see the extension
/// below), so it finds nodes nested in block quotes, lists, emphasis and links.
///
///     struct Headings: MarkdownVisitor {
///         var lines: [Int] = []
///         mutating func visitHeading(level: Int, _ inlines: [MarkdownInline], line: Int) { lines.append(line) }
///     }
protocol MarkdownVisitor {
    associatedtype Result

    /// What a block without its own method gives.
    mutating func defaultVisit(_ block: MarkdownBlock) -> Result
    /// What an inline without its own method gives.
    mutating func defaultVisit(_ inline: MarkdownInline) -> Result

    // MARK: Blocks
    mutating func visitParagraph(_ inlines: [MarkdownInline], line: Int) -> Result
    mutating func visitHeading(level: Int, _ inlines: [MarkdownInline], line: Int) -> Result
    mutating func visitCodeBlock(info: String, literal: String, line: Int, column: Int) -> Result
    mutating func visitHTMLBlock(_ html: String, line: Int) -> Result
    mutating func visitBlockQuote(_ children: [MarkdownBlock]) -> Result
    mutating func visitList(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]]) -> Result
    mutating func visitThematicBreak() -> Result

    // MARK: Inlines
    mutating func visitText(_ text: String) -> Result
    mutating func visitCode(_ code: String) -> Result
    mutating func visitSoftBreak() -> Result
    mutating func visitLineBreak() -> Result
    mutating func visitInlineHTML(_ html: String) -> Result
    mutating func visitEmphasis(_ children: [MarkdownInline]) -> Result
    mutating func visitStrong(_ children: [MarkdownInline]) -> Result
    mutating func visitLink(url: String, title: String, _ children: [MarkdownInline]) -> Result
    mutating func visitImage(url: String, title: String, _ children: [MarkdownInline]) -> Result
}

extension MarkdownVisitor {
    /// Calls the method for the kind of `block`.
    mutating func visit(_ block: MarkdownBlock) -> Result {
        switch block {
        case .paragraph(let inlines, let line): visitParagraph(inlines, line: line)
        case .heading(let level, let inlines, let line): visitHeading(level: level, inlines, line: line)
        case .codeBlock(let info, let literal, let line, let column): visitCodeBlock(info: info, literal: literal, line: line, column: column)
        case .htmlBlock(let html, let line): visitHTMLBlock(html, line: line)
        case .blockQuote(let children): visitBlockQuote(children)
        case .list(let ordered, let start, let tight, let items): visitList(ordered: ordered, start: start, tight: tight, items: items)
        case .thematicBreak: visitThematicBreak()
        }
    }

    /// Calls the method for the kind of `inline`.
    mutating func visit(_ inline: MarkdownInline) -> Result {
        switch inline {
        case .text(let text): visitText(text)
        case .code(let code): visitCode(code)
        case .softBreak: visitSoftBreak()
        case .lineBreak: visitLineBreak()
        case .html(let html): visitInlineHTML(html)
        case .emphasis(let children): visitEmphasis(children)
        case .strong(let children): visitStrong(children)
        case .link(let url, let title, let children): visitLink(url: url, title: title, children)
        case .image(let url, let title, let children): visitImage(url: url, title: title, children)
        }
    }

    mutating func visitParagraph(_ inlines: [MarkdownInline], line: Int) -> Result { defaultVisit(.paragraph(inlines, line: line)) }
    mutating func visitHeading(level: Int, _ inlines: [MarkdownInline], line: Int) -> Result { defaultVisit(.heading(level: level, inlines, line: line)) }
    mutating func visitCodeBlock(info: String, literal: String, line: Int, column: Int) -> Result { defaultVisit(.codeBlock(info: info, literal: literal, line: line, column: column)) }
    mutating func visitHTMLBlock(_ html: String, line: Int) -> Result { defaultVisit(.htmlBlock(html, line: line)) }
    mutating func visitBlockQuote(_ children: [MarkdownBlock]) -> Result { defaultVisit(.blockQuote(children)) }
    mutating func visitList(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]]) -> Result { defaultVisit(.list(ordered: ordered, start: start, tight: tight, items: items)) }
    mutating func visitThematicBreak() -> Result { defaultVisit(MarkdownBlock.thematicBreak) }

    mutating func visitText(_ text: String) -> Result { defaultVisit(.text(text)) }
    mutating func visitCode(_ code: String) -> Result { defaultVisit(.code(code)) }
    mutating func visitSoftBreak() -> Result { defaultVisit(MarkdownInline.softBreak) }
    mutating func visitLineBreak() -> Result { defaultVisit(MarkdownInline.lineBreak) }
    mutating func visitInlineHTML(_ html: String) -> Result { defaultVisit(.html(html)) }
    mutating func visitEmphasis(_ children: [MarkdownInline]) -> Result { defaultVisit(.emphasis(children)) }
    mutating func visitStrong(_ children: [MarkdownInline]) -> Result { defaultVisit(.strong(children)) }
    mutating func visitLink(url: String, title: String, _ children: [MarkdownInline]) -> Result { defaultVisit(.link(url: url, title: title, children)) }
    mutating func visitImage(url: String, title: String, _ children: [MarkdownInline]) -> Result { defaultVisit(.image(url: url, title: title, children)) }
}

extension MarkdownVisitor where Result == Void {
    /// A collecting visitor descends: the blocks of quotes and list items, the inlines of paragraphs
    /// and headings, the children of emphasis, links and images.
    mutating func defaultVisit(_ block: MarkdownBlock) {
        switch block {
        case .paragraph(let inlines, _), .heading(_, let inlines, _): for i in inlines { visit(i) }
        case .blockQuote(let children): for b in children { visit(b) }
        case .list(_, _, _, let items): for item in items { for b in item { visit(b) } }
        case .codeBlock, .htmlBlock, .thematicBreak: break
        }
    }

    mutating func defaultVisit(_ inline: MarkdownInline) {
        switch inline {
        case .emphasis(let c), .strong(let c), .link(_, _, let c), .image(_, _, let c): for i in c { visit(i) }
        case .text, .code, .softBreak, .lineBreak, .html: break
        }
    }

    /// Visits every block of `blocks` in reading order.
    mutating func walk(_ blocks: [MarkdownBlock]) {
        for b in blocks { visit(b) }
    }
}
