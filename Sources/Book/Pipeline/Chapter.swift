import Foundation

/// One parsed chapter: its Markdown tree (formulas protected), its directives in reading order,
/// title, one-line summary and headings.
struct Chapter: Sendable {
    /// The chapter file as shown in messages (`Chapters/01-random-labels.md`).
    var file: String
    /// The file name without `.md`; the page is `<slug>.html`.
    var slug: String
    /// 1-based position among the numbered chapters; 0 for front matter, which has no number.
    var number: Int
    var title: String
    var summary: String
    var blocks: [MarkdownBlock]
    var math: [MathSpan]
    /// Protected-text line → chapter line.
    var lineMap: [Int]
    /// The directives in reading order.
    var directives: [PlacedDirective]

    /// Whether the chapter has a number (front matter has none).
    var isNumbered: Bool { number > 0 }

    /// The title as lists show it: "3. Title", or the bare title for front matter.
    var numberedTitle: String { isNumbered ? "\(number). \(title)" : title }

    /// The directive `id`, if it stands in this chapter.
    func directive(_ id: DirectiveID) -> Directive? {
        directives.first { $0.id == id }?.directive
    }

    /// The directive whose opening fence is on chapter line `line`.
    func directive(atLine line: Int) -> Directive? {
        directive(DirectiveID(chapter: slug, line: line))
    }

    /// The chapter line of a line of the protected text.
    func chapterLine(_ protectedLine: Int) -> Int {
        protectedLine >= 1 && protectedLine <= lineMap.count ? lineMap[protectedLine - 1] : protectedLine
    }

    /// Parses the Markdown `text` of chapter `number`; `experiments` (every experiment body of the
    /// book by id) lets an experiment `extends:` another.
    static func parse(text: String, file: String, slug: String, number: Int, kinds: [any ExperimentKind],
                      experiments: [String: YAMLNode] = [:]) -> Chapter {
        let protected = MathExtractor(text)
        let blocks = MarkdownParser.parse(protected.text)
        var chapter = Chapter(file: file, slug: slug, number: number, title: slug, summary: "", blocks: blocks,
                              math: protected.spans, lineMap: protected.lineMap, directives: [])
        var collector = DirectiveCollector(file: file, slug: slug, kinds: kinds, experiments: experiments, chapterLine: chapter.chapterLine)
        collector.walk(blocks)
        chapter.directives = collector.directives
        for block in blocks {
            if case .heading(1, let inlines, _) = block {
                chapter.title = chapter.plainText(inlines).strippingHeadingLabel.text
                break
            }
        }
        for block in blocks {
            if case .paragraph(let inlines, _) = block {
                chapter.summary = chapter.plainText(inlines, keepingMathDelimiters: true).firstSentence
                break
            }
        }
        return chapter
    }

    /// Plain text with formulas restored as their TeX source (with `$…$` around each formula when
    /// `keepingMathDelimiters`, so that a page showing the text can still typeset it).
    func plainText(_ inlines: [MarkdownInline], keepingMathDelimiters: Bool = false) -> String {
        MathExtractor.split(PlainText.of(inlines)).map { piece in
            guard let index = piece.math else { return piece.text }
            return keepingMathDelimiters ? "$" + math[index].tex + "$" : math[index].tex
        }.joined()
    }
}

extension String {
    /// A heading's text without a trailing `{#sec:name}`, and the name.
    var strippingHeadingLabel: (text: String, label: String?) {
        guard hasSuffix("}"), let open = range(of: "{#sec:", options: .backwards) else { return (self, nil) }
        let label = String(self[open.upperBound..<index(before: endIndex)])
        return (String(self[..<open.lowerBound]).trimmingWhitespace, label)
    }

    /// The first sentence, for one-line summaries: text up to the first `. ` that is followed by a
    /// capital letter and does not end an abbreviation such as "et al." or "e.g.".
    var firstSentence: String {
        let abbreviations: Set<String> = ["al", "e.g", "i.e", "cf", "vs", "fig", "figs", "eq", "eqs", "sec", "ch", "no", "approx"]
        var searchStart = startIndex
        while let r = range(of: ". ", range: searchStart..<endIndex) {
            let before = self[..<r.lowerBound]
            let word = before.split(whereSeparator: { $0 == " " || $0 == "(" }).last.map { $0.lowercased() } ?? ""
            let next = self[r.upperBound...].first
            if !abbreviations.contains(word), next.map({ $0.isUppercase || $0.isNumber }) ?? false {
                return String(before) + "."
            }
            searchStart = r.upperBound
        }
        return self
    }
}
