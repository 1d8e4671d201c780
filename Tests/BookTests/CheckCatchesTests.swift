import XCTest
@testable import Book

/// `check` rejects, without training, claims that cannot fail and figures that `build` would reject.
final class CheckCatchesTests: XCTestCase {
    static let experiment = """
    # C

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2], shape: [linear, power]}
    seeds: [1, 2, 3]
    ```

    """

    func errors(_ directives: String) -> [String] {
        let book = TestBook()
        book.write("01-c.md", CheckCatchesTests.experiment + directives)
        let (summary, _) = book.check()
        return summary.errors
    }

    func testASelectionComparedWithItselfIsAnError() {
        let e = errors("```claim\nfrom: lines\nmetric: final\nwhere: {slope: 2}\nexpect: {above: {slope: 2}}\n```\n")
        XCTAssertEqual(e.count, 1)
        XCTAssertTrue(e.first?.contains("Chapters/01-c.md:11:9:") == true, "the claim's metric line: \(e)")
        XCTAssertTrue(e.first?.contains("compares its selection with itself") == true, "\(e)")
    }

    func testABoundAnAccuracyAlwaysMeetsIsAnError() {
        let book = TestBook()
        book.write("01-a.md", """
        # A

        ```experiment
        id: tiny
        data: {set: gaussian-mixture, train: 20, test: 20}
        epochs: 1
        ```

        ```claim
        from: tiny
        metric: test-accuracy
        expect: {at-least: 0}
        ```
        """)
        let (summary, _) = book.check()
        XCTAssertEqual(summary.errors.count, 1, "\(summary.errors)")
        XCTAssertTrue(summary.errors[0].contains("01-a.md:11:9:"), "\(summary.errors)")
        XCTAssertTrue(summary.errors[0].contains("cannot fail"), "\(summary.errors)")
    }

    func testTwoClaimsTestingTheSameThingAreAnError() {
        let claim = "```claim\nfrom: lines\nmetric: final\nwhere: {slope: 2}\nexpect: {at-least: 3}\n```\n\n"
        let e = errors(claim + claim.replacingOccurrences(of: "where: {slope: 2}", with: "where: {slope: 2}  # again"))
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e.first?.contains("tests the same thing as the claim at ") == true && e.first?.contains("Chapters/01-c.md:9 (same experiment") == true, "\(e)")
    }

    func testALineFigureOverANonNumericSweepIsRejectedByCheck() {
        let e = errors("```figure\nfrom: lines\nx: shape\ny: final\ncaption: c\n```\n")
        XCTAssertEqual(e.count, 1, "\(e)")
        XCTAssertTrue(e.first?.contains("key 'x': parameter 'shape' has non-numeric values") == true, "\(e)")
        // As a bar chart it is fine.
        XCTAssertEqual(errors("```figure\nfrom: lines\nplot: bar\nx: shape\ny: final\ncaption: c\n```\n"), [])
    }
}
