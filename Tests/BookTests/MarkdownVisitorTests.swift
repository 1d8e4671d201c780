import XCTest
@testable import Book

final class MarkdownVisitorTests: XCTestCase {
    /// Collects heading lines and code-block info strings, descending by default.
    struct Finder: MarkdownVisitor {
        var headings: [Int] = []
        var code: [String] = []
        var links: [String] = []
        mutating func visitHeading(level: Int, _ inlines: [MarkdownInline], line: Int) { headings.append(line) }
        mutating func visitCodeBlock(info: String, literal: String, line: Int, column: Int) { code.append("\(info)@\(line)") }
        mutating func visitLink(url: String, title: String, _ children: [MarkdownInline]) { links.append(url) }
    }

    func testACollectingVisitorDescendsIntoQuotesListsAndEmphasis() {
        let text = """
        # Top

        > ## Quoted
        >
        > ```a
        > x
        > ```

        - item with *a [link](one) inside*
        - ```b
          y
          ```
          1. nested [two](two)

        ```c
        z
        ```
        """
        var finder = Finder()
        finder.walk(MarkdownParser.parse(text))
        XCTAssertEqual(finder.headings, [1, 3])
        XCTAssertEqual(finder.code, ["a@5", "b@10", "c@15"])
        XCTAssertEqual(finder.links, ["one", "two"])
    }

    func testPlainTextKeepsTheTextOfEveryInline() {
        guard case .paragraph(let inlines, _)? = MarkdownParser.parse("Hello *big* [world](u) `x`<b>!\nnext ![pic **bold**](p.png)").first else {
            return XCTFail("no paragraph")
        }
        XCTAssertEqual(PlainText.of(inlines), "Hello big world x! next pic bold")
    }

    /// Directive fences inside a quote and a list item are found, with their chapter lines.
    func testDirectivesAreCollectedWhereverTheyStand() {
        let text = "# T\n\n> ```claims\n> caption: quoted\n> ```\n\n- ```claims\n  caption: listed\n  ```\n"
        let chapter = Chapter.parse(text: text, file: "c.md", slug: "c", number: 1, kinds: [])
        XCTAssertEqual(chapter.directives.map(\.id.line), [3, 7])
        XCTAssertEqual(chapter.directives.map(\.body), ["caption: quoted\n", "caption: listed\n"])
    }
}
