/// Finds the directive fences of a chapter, wherever they stand (also inside block quotes and list
/// items), and parses each into a ``PlacedDirective`` in reading order.
struct DirectiveCollector: MarkdownVisitor {
    let file: String
    let slug: String
    let kinds: [any ExperimentKind]
    /// Every experiment body of the book by id (for `extends:`).
    let experiments: [String: YAMLNode]
    /// Protected-text line → chapter line (formulas folded by ``MathExtractor`` shift lines).
    let chapterLine: (Int) -> Int
    private(set) var directives: [PlacedDirective] = []

    init(file: String, slug: String, kinds: [any ExperimentKind], experiments: [String: YAMLNode] = [:],
         chapterLine: @escaping (Int) -> Int) {
        self.file = file
        self.slug = slug
        self.kinds = kinds
        self.experiments = experiments
        self.chapterLine = chapterLine
    }

    mutating func visitCodeBlock(info: String, literal: String, line: Int, column: Int) {
        let word = info.split(separator: " ").first.map(String.init) ?? ""
        guard Directive.kinds.contains(word) else { return }
        let fenceLine = chapterLine(line)
        let location = DirectiveLocation(file: file, line: fenceLine, column: column)
        directives.append(PlacedDirective(id: DirectiveID(chapter: slug, line: fenceLine),
                                          directive: Directive.parse(info: word, body: literal, kinds: kinds, location: location,
                                                                     experiments: experiments),
                                          body: literal))
    }
}
