import XCTest
@testable import Book

final class ChapterSummaryTests: XCTestCase {
    func testFirstSentenceSkipsAbbreviations() {
        XCTAssertEqual("Random-label fitting is an experiment; Zhang et al. also give the theorem. More.".firstSentence,
                       "Random-label fitting is an experiment; Zhang et al. also give the theorem.")
        XCTAssertEqual("Noise (e.g. Gaussian) is fitted. Then more.".firstSentence, "Noise (e.g. Gaussian) is fitted.")
        XCTAssertEqual("No full stop here".firstSentence, "No full stop here")
    }

    func testSummaryKeepsFormulasTypesettable() {
        let chapter = Chapter.parse(text: "# T\n\nWeights know $I(W;Y)$ bits. Second.\n", file: "c.md", slug: "c",
                                    number: 1, kinds: [])
        XCTAssertEqual(chapter.summary, "Weights know $I(W;Y)$ bits.")
        XCTAssertEqual(chapter.title, "T")
    }
}
