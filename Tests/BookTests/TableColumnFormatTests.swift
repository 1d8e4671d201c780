import XCTest
@testable import Book

final class TableColumnFormatTests: XCTestCase {
    /// Builds a one-chapter book from `chapter` (with `extraKinds` registered) and returns the
    /// chapter's page, failing the test when the build reports an error.
    private func buildPage(_ chapter: String, extraKinds: [any ExperimentKind] = [],
                           file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let book = TestBook()
        book.kinds += extraKinds
        book.write("book.yml", "title: Columns\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"), file: file, line: line)
        return try XCTUnwrap(book.file("01-a.html"), file: file, line: line)
    }

    /// A column's own `digits` and `format` override the table's; other columns keep the table's.
    func testPerColumnDigitsAndFormat() throws {
        let page = try buildPage("""
        # A

        ```experiment
        id: lines
        kind: line
        slope: 0.123456
        seeds: [0, 1]
        ```

        ```table
        label: mixed
        from: lines
        columns: [{metric: slope, digits: 4}, {metric: final, format: percent, digits: 1}, final]
        digits: 2
        caption: Mixed formats.
        ```
        """)
        // slope = 0.123456 for both seeds (std 0 but not a whole number, so "± 0" stays);
        // final = 5 · 0.123456 + seed / 1000 = 0.61728 and 0.61828: mean 0.61778, std 0.000707.
        XCTAssertTrue(page.contains(">0.1235 ± 0.0000<"), "slope with 4 digits")
        XCTAssertTrue(page.contains(">61.8% ± 0.1<"), "final as a percentage with 1 digit")
        XCTAssertTrue(page.contains(">0.62 ± 0.00<"), "final with the table's 2 digits")
    }

    func testUnknownColumnFormatNamesTheChoices() {
        let book = TestBook()
        book.write("book.yml", "title: Columns\nchapters: [01-a.md]\n")
        book.write("01-a.md", """
        # A

        ```experiment
        id: lines
        kind: line
        ```

        ```table
        from: lines
        columns: [{metric: slope, format: percentage}]
        ```
        """)
        let (_, log) = book.build()
        let message = log.errors.joined(separator: "\n")
        XCTAssertTrue(message.contains("01-a.md:10"), message)
        XCTAssertTrue(message.contains("format"), message)
        XCTAssertTrue(message.contains("percent"), message)
    }
}

extension TableColumnFormatTests {
    /// A whole number that every seed shares (a parameter count) is shown without "± 0".
    func testConstantCountHasNoSpread() throws {
        let page = try buildPage("""
        # A

        ```experiment
        id: lines
        kind: line
        slope: 3
        seeds: [0, 1]
        ```

        ```table
        from: lines
        columns: [{metric: slope, digits: 0}, {metric: final, digits: 3}]
        ```
        """)
        XCTAssertTrue(page.contains(">3<"), "slope 3 on both seeds")
        // final = 15.000 and 15.001: mean 15.0005, std 0.000707.
        XCTAssertTrue(page.contains(">15.001 ± 0.001<") || page.contains(">15.000 ± 0.001<"), "final keeps its spread")
    }
}

extension TableColumnFormatTests {
    /// A metric that is undefined for every seed reads "n/a", without a spread of "n/a".
    func testUndefinedValueHasNoSpread() throws {
        let page = try buildPage("""
        # A

        ```experiment
        id: undefined
        kind: undefined-metric
        seeds: [0, 1]
        ```

        ```table
        from: undefined
        columns: [ratio, defined]
        format: percent
        ```
        """, extraKinds: [UndefinedMetricExperiment()])
        XCTAssertTrue(page.contains(">n/a<"), "undefined ratio")
        XCTAssertFalse(page.contains("n/a ±"), "no spread of an undefined value")
        XCTAssertTrue(page.contains(">50.00% ± 0.00<"), "a defined percentage keeps its spread")
    }
}

/// A test kind whose scalar `ratio` is undefined (NaN, like a share of an empty set) and whose
/// `defined` is 0.5.
private struct UndefinedMetricExperiment: ExperimentKind {
    var name: String { "undefined-metric" }
    var version: String { "undefined-metric-1" }
    var parameters: [SpecField] { [] }
    func check(_ spec: SpecValue) throws(KindIssue) {}
    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { [:] }
    func metrics(_ spec: SpecValue) -> MetricCatalog { MetricCatalog(series: [], scalars: ["ratio", "defined"]) }
    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "none" }
    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        Measurements(series: [:], scalars: ["ratio": .nan, "defined": 0.5])
    }
}
