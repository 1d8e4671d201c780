import Foundation

/// Renders a chapter's Markdown tree to HTML, visiting each node once: formulas become KaTeX elements,
/// `@fig:name`-style references become links, directives are rendered by a callback, raw HTML is
/// escaped unless allowed.
struct ProseRenderer: MarkdownVisitor {
    /// One heading of the page, for the outline.
    struct OutlineEntry: Sendable { var level: Int; var text: String; var anchor: String }

    let chapter: Chapter
    let index: BookIndex
    let allowHTML: Bool
    let sourceLines: [Substring]
    let directive: (DirectiveID) -> String
    /// Renders a `measure:` code span (nil: shown as code, as on the home page).
    let measure: ((String) throws(SpecIssue) -> String)?
    private(set) var outline: [OutlineEntry] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var usedAnchors: Set<String> = []
    /// The protected-text line of the paragraph or heading being rendered.
    private var line = 0

    init(chapter: Chapter, index: BookIndex, allowHTML: Bool, source: String,
         measure: ((String) throws(SpecIssue) -> String)? = nil, directive: @escaping (DirectiveID) -> String) {
        self.measure = measure
        self.chapter = chapter
        self.index = index
        self.allowHTML = allowHTML
        self.sourceLines = source.split(separator: "\n", omittingEmptySubsequences: false)
        self.directive = directive
    }

    mutating func render(_ blocks: [MarkdownBlock]) -> String {
        blocks.map { visit($0) }.joined()
    }

    // MARK: - Blocks

    mutating func visitParagraph(_ inlines: [MarkdownInline], line: Int) -> String {
        if inlines.count == 1, case .text(let t) = inlines[0] {
            let pieces = MathExtractor.split(t.trimmingWhitespace)
            if pieces.count == 1, let m = pieces[0].math, chapter.math[m].display { return displayMath(m) + "\n" }
        }
        return "<p>\(render(inlines, line: line))</p>\n"
    }

    mutating func visitHeading(level: Int, _ inlines: [MarkdownInline], line: Int) -> String {
        let full = chapter.plainText(inlines)
        let (text, label) = full.strippingHeadingLabel
        var content = inlines
        if label != nil, case .text(let last)? = content.last, let r = last.range(of: "{#sec:", options: .backwards) {
            content[content.count - 1] = .text(String(last[..<r.lowerBound]))
        }
        var anchor = label.map { "sec-\($0)" } ?? text.anchorSlug
        if level == 1 { anchor = "top" }
        var unique = anchor, n = 2
        while usedAnchors.contains(unique) { unique = "\(anchor)-\(n)"; n += 1 }
        usedAnchors.insert(unique)
        if level >= 2 { outline.append(OutlineEntry(level: level, text: text, anchor: unique)) }
        let h = min(6, level)
        if level == 1 {
            return "<h1 id=\"\(unique)\">\(chapter.isNumbered ? "<span class=\"chapter-number\">Chapter \(chapter.number)</span> " : "")\(render(content, line: line))</h1>\n"
        }
        return "<h\(h) id=\"\(unique)\">\(render(content, line: line))<a class=\"anchor\" href=\"#\(unique)\" aria-label=\"link to this section\">#</a></h\(h)>\n"
    }

    /// A directive fence is drawn by the `directive` callback; any other code block is shown as code.
    mutating func visitCodeBlock(info: String, literal: String, line: Int, column: Int) -> String {
        let word = info.split(separator: " ").first.map(String.init) ?? ""
        if Directive.kinds.contains(word) { return directive(DirectiveID(chapter: chapter.slug, line: chapter.chapterLine(line))) }
        let lang = word.isEmpty ? "" : " class=\"language-\(word.htmlEscaped)\""
        return "<pre><code\(lang)>\(literal.htmlEscaped)</code></pre>\n"
    }

    mutating func visitHTMLBlock(_ html: String, line: Int) -> String {
        allowHTML ? html : "<pre class=\"raw-html\">\(html.htmlEscaped)</pre>\n"
    }

    mutating func visitBlockQuote(_ children: [MarkdownBlock]) -> String {
        "<blockquote>\n\(render(children))</blockquote>\n"
    }

    mutating func visitList(ordered: Bool, start: Int, tight: Bool, items: [[MarkdownBlock]]) -> String {
        let tag = ordered ? "ol" : "ul"
        let startAttr = ordered && start != 1 ? " start=\"\(start)\"" : ""
        var out = "<\(tag)\(startAttr)>\n"
        for item in items {
            if tight {
                let inner = item.map { b -> String in
                    if case .paragraph(let inl, let line) = b { return render(inl, line: line) }
                    return visit(b)
                }.joined(separator: "\n")
                out += "<li>\(inner)</li>\n"
            } else {
                out += "<li>\n\(render(item))</li>\n"
            }
        }
        return out + "</\(tag)>\n"
    }

    mutating func visitThematicBreak() -> String { "<hr>\n" }

    /// Every kind of block and inline has its own method above or below.
    func defaultVisit(_ block: MarkdownBlock) -> String { "" }

    // MARK: - Inlines

    /// The inlines of a paragraph or heading at protected-text `line` (where diagnostics point).
    private mutating func render(_ inlines: [MarkdownInline], line: Int) -> String {
        let outer = self.line
        self.line = line
        defer { self.line = outer }
        return inlines.map { visit($0) }.joined()
    }

    private mutating func render(_ inlines: [MarkdownInline]) -> String { inlines.map { visit($0) }.joined() }

    mutating func visitText(_ text: String) -> String { renderText(text, line: line) }

    /// Inline code, or a `measure:` span drawn by the `measure` callback.
    mutating func visitCode(_ code: String) -> String {
        guard let measure, code.hasPrefix(MeasuredValue.prefix) else { return "<code>\(code.htmlEscaped)</code>" }
        do throws(SpecIssue) {
            return try measure(code)
        } catch {
            diagnostics.append(diagnosticFor(span: code, near: line, issue: error))
            return "<span class=\"measured-missing\" title=\"\(error.message.htmlEscaped)\">[measured value: error]</span>"
        }
    }

    mutating func visitSoftBreak() -> String { "\n" }
    mutating func visitLineBreak() -> String { "<br>\n" }
    mutating func visitInlineHTML(_ html: String) -> String { allowHTML ? html : html.htmlEscaped }
    mutating func visitEmphasis(_ children: [MarkdownInline]) -> String { "<em>\(render(children))</em>" }
    mutating func visitStrong(_ children: [MarkdownInline]) -> String { "<strong>\(render(children))</strong>" }

    mutating func visitLink(url: String, title: String, _ children: [MarkdownInline]) -> String {
        let t = title.isEmpty ? "" : " title=\"\(title.htmlEscaped)\""
        return "<a href=\"\(url.safeURL)\"\(t)>\(render(children))</a>"
    }

    mutating func visitImage(url: String, title: String, _ children: [MarkdownInline]) -> String {
        let t = title.isEmpty ? "" : " title=\"\(title.htmlEscaped)\""
        return "<img src=\"\(url.safeURL)\" alt=\"\(chapter.plainText(children).htmlEscaped)\"\(t)>"
    }

    /// Every kind of inline has its own method.
    func defaultVisit(_ inline: MarkdownInline) -> String { "" }

    private func inlineMath(_ i: Int) -> String {
        let span = chapter.math[i]
        if span.display { return displayMath(i) }
        return "<span class=\"math inline\">\(span.tex.htmlEscaped)</span>"
    }

    private func displayMath(_ i: Int) -> String {
        let span = chapter.math[i]
        if let label = span.label, let target = index.targets["eq:\(label)"], target.chapterSlug == chapter.slug {
            return "<div class=\"equation\" id=\"\(target.anchor)\"><div class=\"math display\">\(span.tex.htmlEscaped)</div><span class=\"equation-number\">(\(target.number))</span></div>"
        }
        return "<div class=\"math display\">\(span.tex.htmlEscaped)</div>"
    }

    /// The link for a cross-reference key such as `fig:curves`, or nil when nothing has that label.
    static func link(_ key: String, index: BookIndex, from slug: String) -> String? {
        guard let target = index.targets[key] else { return nil }
        let page = target.chapterSlug == slug ? "" : "\(target.chapterSlug).html"
        let text = target.kind == .equation ? "(\(target.number))" : target.displayName
        return "<a class=\"xref\" href=\"\(page.htmlEscaped)#\(target.anchor.htmlEscaped)\">\(text.htmlEscaped)</a>"
    }

    /// Escapes `text`, turning citations (`[@key]`) and `@fig:name`-style references into links;
    /// returns the unknown cross-references (unknown citation keys are reported by `CitationCheck`).
    static func linkingReferences(_ text: String, index: BookIndex, from slug: String) -> (html: String, unknown: [String]) {
        var unknown: [String] = []
        let html = CitationRenderer.html(text, bibliography: index.bibliography, referencePage: slug == "index" ? ReaderPages.bibliographyPage : "") { piece in
            let linked = linkingCrossReferences(piece, index: index, from: slug)
            unknown += linked.unknown
            return linked.html
        }
        return (html, unknown)
    }

    /// Escapes `text`, turning `@fig:name`-style references into links; returns the unknown ones.
    static func linkingCrossReferences(_ text: String, index: BookIndex, from slug: String) -> (html: String, unknown: [String]) {
        let ns = text as NSString
        var out = "", unknown: [String] = []
        var last = 0
        for match in referencePattern.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last)).htmlEscaped
            let whole = ns.substring(with: match.range)
            if let link = link(String(whole.dropFirst()), index: index, from: slug) { out += link } else {
                unknown.append(whole)
                out += "<span class=\"xref-missing\" title=\"unknown reference\">\(whole.htmlEscaped)??</span>"
            }
            last = match.range.location + match.range.length
        }
        return (out + ns.substring(from: last).htmlEscaped, unknown)
    }

    /// `@fig:name`-style cross-references.
    static let referencePattern = try! NSRegularExpression(pattern: "@(fig|tbl|eq|claim|sec|exp):([A-Za-z0-9_-]*[A-Za-z0-9])")

    /// Text with formulas and cross-references; an unknown reference is an error at its line and column.
    private mutating func renderText(_ text: String, line: Int) -> String {
        var out = ""
        for piece in MathExtractor.split(text) {
            if let m = piece.math { out += inlineMath(m); continue }
            let (html, unknown) = ProseRenderer.linkingReferences(piece.text, index: index, from: chapter.slug)
            for reference in unknown { diagnostics.append(diagnosticFor(reference: reference, near: line)) }
            out += html
        }
        return out
    }

    /// A problem inside a `measure:` span at its line and column in the chapter file.
    private func diagnosticFor(span: String, near protectedLine: Int, issue: SpecIssue) -> Diagnostic {
        let start = max(1, chapter.chapterLine(protectedLine))
        var l = start
        while l <= sourceLines.count && l <= start + 200 {
            if let r = sourceLines[l - 1].range(of: span) {
                let column = sourceLines[l - 1].unicodeScalars.distance(from: sourceLines[l - 1].unicodeScalars.startIndex, to: r.lowerBound)
                return Diagnostic(file: chapter.file, line: l, column: column + issue.mark.column, message: "measured value: \(issue.message)")
            }
            l += 1
        }
        return Diagnostic(file: chapter.file, line: start, column: 1, message: "measured value: \(issue.message)")
    }

    private func diagnosticFor(reference: String, near protectedLine: Int) -> Diagnostic {
        let start = chapter.chapterLine(protectedLine)
        let prefix = String(reference.dropFirst().prefix(while: { $0 != ":" }))
        let known = index.targets.keys.filter { $0.hasPrefix(prefix + ":") }.sorted()
        var message = "unknown cross-reference '\(reference)'"
        if let s = NearestName.suggest(String(reference.dropFirst()), among: known) { message += " (did you mean '@\(s)'?)" }
        else if !known.isEmpty { message += " (valid: \(known.prefix(12).map { "@\($0)" }.joined(separator: ", ")))" }
        else { message += " (nothing is labelled '\(prefix):…' in this book)" }
        var l = max(1, start)
        while l <= sourceLines.count {
            if let r = sourceLines[l - 1].range(of: reference) {
                let column = sourceLines[l - 1].unicodeScalars.distance(from: sourceLines[l - 1].unicodeScalars.startIndex, to: r.lowerBound) + 1
                return Diagnostic(file: chapter.file, line: l, column: column, message: message)
            }
            l += 1
            if l > start + 200 { break }
        }
        return Diagnostic(file: chapter.file, line: start, column: 1, message: message)
    }
}
