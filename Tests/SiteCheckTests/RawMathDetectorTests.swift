import XCTest
@testable import SiteCheck

final class RawMathDetectorTests: XCTestCase {
    func testFindsEveryDelimiterKind() {
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "raw $x^2$ here"), ["$x^2$"])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "display $$\\sum_i a_i$$ end"), ["$$\\sum_i a_i$$"])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "a \\(y=1\\) and \\[z\\]"), ["\\(y=1\\)", "\\[z\\]"])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "$a$ and $b$"), ["$a$", "$b$"])
    }

    func testPricesAndEscapedDollarsAreNotMath() {
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "it costs $5 and $10 today"), [])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "it costs \\$5 and \\$6"), [])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "between $ x $ spaces"), [])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "a lone $ sign"), [])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "empty $$$$ pair"), [])
    }

    func testInlineMathSpansASourceLineBreakButNotABlankLine() {
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "has $784 \\cdot 512 +\n10$ parameters"),
                       ["$784 \\cdot 512 +\n10$"])
        XCTAssertEqual(RawMathDetector.rawFormulas(in: "$a\n  \nb$"), [])
    }
}
