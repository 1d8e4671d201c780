import XCTest
@testable import Book

final class MarkdownTests: XCTestCase {
    func testDirectiveIsFoundWithItsChapterLine() {
        let text = "# Title\n\nSome prose.\n\n```experiment\nid: a\nkind: line\n```\n\nMore prose.\n\n```figure\nfrom: a\ny: y\nx: x\n```\n"
        let chapter = Chapter.parse(text: text, file: "Chapters/01-x.md", slug: "01-x", number: 1, kinds: [LineExperiment()])
        XCTAssertEqual(chapter.directives.map(\.id), [DirectiveID(chapter: "01-x", line: 5), DirectiveID(chapter: "01-x", line: 12)])
        guard case .experiment(let e) = chapter.directive(atLine: 5) else { return XCTFail("no experiment at line 5") }
        XCTAssertEqual(e.id, "a")
        guard case .figure(let f) = chapter.directive(atLine: 12) else { return XCTFail("no figure at line 12") }
        XCTAssertEqual(f.from.value, "a")
        XCTAssertEqual(chapter.title, "Title")
        XCTAssertEqual(chapter.summary, "Some prose.")
    }

    func testLinesStayRightAfterMultiLineDisplayMath() {
        let text = "# T\n\n$$\na = b\n\\\\\nc = d\n$$\n\n```claim\nfrom: nowhere\n```\n"
        let chapter = Chapter.parse(text: text, file: "c.md", slug: "c", number: 1, kinds: [])
        XCTAssertEqual(chapter.directives.map(\.id.line), [9], "the fence is on chapter line 9 even though the formula was folded")
        XCTAssertEqual(chapter.math.count, 1)
        XCTAssertEqual(chapter.math[0].line, 3)
        XCTAssertTrue(chapter.math[0].display)
    }

    func testMathIsProtectedButCodeIsNot() {
        let text = "Cost $5 and $6, a formula $x_1 * y_2$ here, `code $a$` and\n\n```\n$not math$\n```\n"
        let m = MathExtractor(text)
        XCTAssertEqual(m.spans.map(\.tex), ["x_1 * y_2"])
        XCTAssertTrue(m.text.contains("`code $a$`"))
        XCTAssertTrue(m.text.contains("$not math$"))
        XCTAssertTrue(m.text.contains("Cost $5 and $6"))
    }

    func testMathBetweenConsecutiveFencedBlocksIsFound() {
        // A closing fence once started a "code span" that ran to the next opening fence.
        let text = "```figure\na: 1\n```\n\nSee $x^2$ here.\n\n```claim\nb: 2\n```\n\nAnd $y$.\n"
        let m = MathExtractor(text)
        XCTAssertEqual(m.spans.map(\.tex), ["x^2", "y"])
        XCTAssertTrue(m.text.contains("```figure\na: 1\n```"))
    }

    func testEquationLabel() {
        let m = MathExtractor("$$ E = mc^2 $$ {#eq:energy}\n")
        XCTAssertEqual(m.spans.first?.label, "energy")
        XCTAssertEqual(m.spans.first?.tex, "E = mc^2")
    }

    func testEscaping() {
        XCTAssertEqual("<script>alert('x') & \"y\"</script>".htmlEscaped,
                       "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        XCTAssertEqual("javascript:alert(1)".safeURL, "#")
        XCTAssertEqual(" JavaScript:alert(1)".safeURL, "#")
        XCTAssertEqual("https://example.org/a?b=1&c=2".safeURL, "https://example.org/a?b=1&amp;c=2")
        XCTAssertEqual("02-next.html#fig-a".safeURL, "02-next.html#fig-a")
    }

    func testOutputPathsStayInside() {
        XCTAssertThrowsError(try OutputWriter.checkInside("../escape.html"))
        XCTAssertThrowsError(try OutputWriter.checkInside("/etc/passwd"))
        XCTAssertThrowsError(try OutputWriter.checkInside("data/../../x"))
        XCTAssertNoThrow(try OutputWriter.checkInside("data/exp.json"))
    }

    func testNearestName() {
        XCTAssertEqual(NearestName.suggest("lrr", among: ["lr", "momentum"]), "lr")
        XCTAssertEqual(NearestName.suggest("momentun", among: ["lr", "momentum"]), "momentum")
        XCTAssertNil(NearestName.suggest("banana", among: ["lr", "momentum"]))
        XCTAssertEqual(NearestName.distance("kitten", "sitting"), 3)
    }
}
