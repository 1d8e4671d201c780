import XCTest
@testable import Book

final class DirectiveIDTests: XCTestCase {
    /// Two chapters with a figure on the same fence line: each identity gets its own chapter's number.
    func testSameLineInTwoChaptersKeepsTwoTargets() {
        let one = "# One\n\n```experiment\nid: a\nkind: line\n```\n\n```figure\nfrom: a\ny: y\nx: x\n```\n"
        let two = "# Two\n\n```experiment\nid: b\nkind: line\n```\n\n```figure\nfrom: b\ny: y\nx: x\n```\n"
        var chapters = [Chapter.parse(text: one, file: "one.md", slug: "one", number: 1, kinds: [LineExperiment()]),
                        Chapter.parse(text: two, file: "two.md", slug: "two", number: 2, kinds: [LineExperiment()])]
        var diagnostics: [Diagnostic] = []
        let index = BookIndex.build(&chapters, diagnostics: &diagnostics)
        XCTAssertEqual(diagnostics.map(\.description), [])
        XCTAssertEqual(index.directiveTargets[DirectiveID(chapter: "one", line: 8)]?.number, "1.1")
        XCTAssertEqual(index.directiveTargets[DirectiveID(chapter: "two", line: 8)]?.number, "2.1")
        XCTAssertEqual(index.directiveTargets[DirectiveID(chapter: "two", line: 8)]?.anchor, "fig-2-1")
        XCTAssertNil(index.directiveTargets[DirectiveID(chapter: "one", line: 3)], "experiments are not numbered")
    }

    func testPlotNamesParseToTheirCase() throws {
        for plot in FigureDirective.Plot.allCases {
            let node = try YAMLNode.parse("from: a\ny: y\nplot: \(plot.rawValue)\n")
            let f = try FigureDirective.parse(node, location: DirectiveLocation(file: "c.md", line: 1, column: 1))
            XCTAssertEqual(f.plot, plot)
        }
        let node = try YAMLNode.parse("from: a\ny: y\n")
        XCTAssertEqual(try FigureDirective.parse(node, location: DirectiveLocation(file: "c.md", line: 1, column: 1)).plot, .line, "line is the default")
    }
}
