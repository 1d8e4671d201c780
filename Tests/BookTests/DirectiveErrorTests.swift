import XCTest
@testable import Book

/// Every kind of directive error, each asserted with its chapter file, line and column.
final class DirectiveErrorTests: XCTestCase {
    /// A chapter whose experiment fence is on line 3 (its YAML starts on line 4).
    private func chapter(experiment: String, rest: String = "") -> String {
        "# T\n\n```experiment\n\(experiment)\n```\n\n\(rest)"
    }

    private let good = "id: a\nkind: line\nsweep: {slope: [1, 2]}\nseeds: [1, 2]"

    private func errors(_ text: String, file: String = "02-x.md") -> [String] {
        let book = TestBook()
        book.write(file, text)
        let (summary, log) = book.check()
        XCTAssertNotEqual(summary.exitCode, 0)
        XCTAssertEqual(summary.errors.count, log.errors.count)
        return log.errors
    }

    private func assertError(_ text: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        let found = errors(text)
        XCTAssertTrue(found.contains { $0.hasSuffix("Chapters/" + expected) || $0.contains("Chapters/" + expected) },
                      "expected …Chapters/\(expected)\ngot:\n\(found.joined(separator: "\n"))", file: file, line: line)
    }

    func testUnknownKeySuggestsNearest() {
        assertError(chapter(experiment: "id: a\nkind: line\nslop: 2"),
                    "02-x.md:6:1: unknown key 'slop' (valid: slope, offset, points, shape, id, kind, title, seeds, sweep, conditions, quick, paper, extends; did you mean 'slope'?)")
    }

    func testWrongType() {
        assertError(chapter(experiment: "id: a\nkind: line\nslope: steep"), "02-x.md:6:8: key 'slope': expected a number in -100...100, got 'steep'")
    }

    func testOutOfRange() {
        assertError(chapter(experiment: "id: a\nkind: line\npoints: 5000"), "02-x.md:6:9: key 'points': 5000 is out of range (valid: 1...1000)")
    }

    func testUnknownVariantCase() {
        assertError(chapter(experiment: "id: a\nkind: line\nshape: {powr: 3}"),
                    "02-x.md:6:9: key 'shape': unknown value 'powr' (valid: linear, power; did you mean 'power'?)")
    }

    func testUnknownKind() {
        // The list of valid kinds grows with the course, so assert its shape, not its every entry.
        let found = errors(chapter(experiment: "id: a\nkind: lin"))
        XCTAssertTrue(found.contains {
            $0.contains("Chapters/02-x.md:5:7: key 'kind': unknown value 'lin' (valid: train, ")
                && $0.hasSuffix(", line; did you mean 'line'?)")
        }, "got:\n\(found.joined(separator: "\n"))")
    }

    func testCrossFieldCheck() {
        assertError(chapter(experiment: "id: a\nkind: line\nslope: 0"), "02-x.md:6:8: key 'slope': slope and offset cannot both be 0")
    }

    func testMalformedYAML() {
        let found = errors(chapter(experiment: "id: a\nkind: [line"))
        XCTAssertTrue(found.contains { $0.contains("Chapters/02-x.md:") && $0.contains("malformed YAML") }, "\(found)")
    }

    func testDuplicateKey() {
        assertError(chapter(experiment: "id: a\nkind: line\nid: b"), "02-x.md:6:1: duplicate key 'id' (first given 2 lines above)")
    }

    func testSweepThatExplodes() {
        let values = (1...30).map(String.init).joined(separator: ", ")
        assertError(chapter(experiment: "id: a\nkind: line\nsweep: {slope: [\(values)], offset: [\(values)]}"),
                    "02-x.md:6:8: the sweep expands to 900 runs (conditions × grid × seeds); at most 500 are allowed")
    }

    func testSweepOverUnknownParameter() {
        assertError(chapter(experiment: "id: a\nkind: line\nsweep: {slop: [1, 2]}"), "02-x.md:6:9: key 'sweep.slop': unknown parameter path (did you mean 'slope'?)")
    }

    func testSweepValueOfWrongType() {
        assertError(chapter(experiment: "id: a\nkind: line\nsweep: {points: [2, many]}"), "02-x.md:6:21: key 'sweep.points': expected an integer in 1...1000, got 'many'")
    }

    func testReferenceToMissingExperiment() {
        assertError(chapter(experiment: good, rest: "```figure\nfrom: b\ny: y\n```\n"),
                    "02-x.md:11:7: key 'from': unknown experiment 'b' (valid: a; did you mean 'a'?)")
    }

    func testUnknownMetric() {
        assertError(chapter(experiment: good, rest: "```table\nfrom: a\ncolumns: [final, fnal2]\n```\n"),
                    "02-x.md:12:18: key 'columns': unknown metric 'fnal2' for experiment 'a' (valid: final, slope, x, y; did you mean 'final'?)")
    }

    func testUnknownParameterInWhere() {
        assertError(chapter(experiment: good, rest: "```claim\nfrom: a\nmetric: final\nwhere: {slop: 1}\nexpect: {at-least: 0}\n```\n"),
                    "02-x.md:13:9: key 'where': 'slop' is not a parameter of experiment 'a' (valid: slope, seed; did you mean 'slope'?)")
    }

    func testWhereValueThatNoRunHas() {
        assertError(chapter(experiment: good, rest: "```claim\nfrom: a\nmetric: final\nwhere: {slope: 3}\nexpect: {at-least: 0}\n```\n"),
                    "02-x.md:13:16: key 'where.slope': experiment 'a' has no run with slope = '3' (valid: 1, 2)")
    }

    func testUnknownExpectation() {
        assertError(chapter(experiment: good, rest: "```claim\nfrom: a\nmetric: final\nexpect: {at-leest: 0}\n```\n"),
                    "02-x.md:13:10: unknown key 'at-leest' in expect (valid: at-least, at-most, between, above, below, increasing, decreasing, order, tolerance, factor, by, every-run; did you mean 'at-least'?)")
    }

    func testUnknownFigureKey() {
        assertError(chapter(experiment: good, rest: "```figure\nfrom: a\ny: y\ncaptoin: hello\n```\n"),
                    "02-x.md:13:1: unknown key 'captoin' in figure (valid: label, from, plot, x, y, series, where, band, log-x, log-y, caption, title, x-label, y-label, y-range, bins, range, normalize, lines, image-size, column-labels, image-labels, label-names, highlight, alt, symlog-x, symlog-y, legend, colors, panels, also-from; did you mean 'caption'?)")
    }

    func testDuplicateExperimentID() {
        assertError(chapter(experiment: good, rest: "```experiment\nid: a\nkind: line\n```\n"),
                    "02-x.md:10:1: duplicate experiment id 'a' (first defined at ")
    }

    func testDuplicateLabel() {
        assertError(chapter(experiment: good, rest: "```table\nlabel: t\nfrom: a\ncolumns: [final]\n```\n\n```table\nlabel: t\nfrom: a\ncolumns: [slope]\n```\n"),
                    "02-x.md:17:8: duplicate label 'tbl:t' (also Table 1.1 in 02-x)")
    }

    func testUnknownCrossReference() {
        assertError(chapter(experiment: good, rest: "```table\nlabel: results\nfrom: a\ncolumns: [final]\n```\n\nAs @tbl:result shows.\n"),
                    "02-x.md:16:4: unknown cross-reference '@tbl:result' (did you mean '@tbl:results'?)")
    }

    func testUnknownCrossReferenceInACaption() {
        let found = errors(chapter(experiment: good, rest: "```table\nfrom: a\ncolumns: [final]\ncaption: As in @fig:nothing.\n```\n"))
        XCTAssertTrue(found.contains { $0.contains("Chapters/02-x.md:10:1: unknown cross-reference '@fig:nothing' in a caption or statement") }, "\(found)")
    }

    func testNonUTF8Chapter() {
        let book = TestBook()
        book.writeBytes("03-bad.md", Array("# T\n\nok line\nbad \u{FF}".utf8.prefix(16)) + [0xFF, 0xFE] + Array(" tail\n".utf8))
        let (summary, log) = book.check()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/03-bad.md:4:4:") && $0.contains("not valid UTF-8") }, "\(log.errors)")
    }

    func testBuildKeepsGoingPastAFailedDirective() throws {
        let book = TestBook()
        book.write("01-a.md", chapter(experiment: good, rest: "```figure\nfrom: a\nx: x\ny: y\ncaption: good one\n```\n\n```table\nfrom: a\ncolumns: [nope]\n```\n"))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(log.errors.count, 1)
        let page = try XCTUnwrap(book.file("01-a.html"))
        XCTAssertTrue(page.contains("class=\"error-card\""), "the failed table shows an error card")
        XCTAssertTrue(page.contains("unknown metric &#39;nope&#39;"))
        XCTAssertTrue(page.contains("<figure class=\"result\""), "the good figure is still drawn")
        XCTAssertTrue(book.exists("figures/01-a-fig-1-1.png"))
    }
}
