import XCTest
@testable import Book

final class ListSelectionTests: XCTestCase {
    private func chapter(_ claimWhere: String) -> String {
        """
        # A

        ```experiment
        id: lists
        kind: list-sum
        seeds: [1, 2, 3]
        sweep: {weights: [[1, 2], [3, 4, 5]]}
        ```

        ```claim
        from: lists
        metric: total
        where: \(claimWhere)
        expect: {at-least: 12}
        statement: The second list sums to twelve.
        ```
        """
    }

    /// `where:` selects a list-valued sweep value element by element.
    func testWhereSelectsAListValue() throws {
        let book = TestBook()
        book.kinds.append(ListSumExperiment())
        book.write("book.yml", "title: Lists\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter("{weights: [3, 4, 5]}"))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        let page = try XCTUnwrap(book.file("01-a.html"))
        XCTAssertTrue(page.contains("<div class=\"claim replicated\""), "3 + 4 + 5 = 12 meets at-least 12")
        XCTAssertEqual(summary.claimsReplicated, 1)
    }

    /// A list no run has is refused with the values that exist.
    func testWhereListNoRunHas() {
        let book = TestBook()
        book.kinds.append(ListSumExperiment())
        book.write("book.yml", "title: Lists\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter("{weights: [1, 2, 3]}"))
        let (_, log) = book.build()
        let message = log.errors.joined(separator: "\n")
        XCTAssertTrue(message.contains("01-a.md:13:18: key 'where.weights'"), message)
        XCTAssertTrue(message.contains("[1, 2]") && message.contains("[3, 4, 5]"), message)
    }
}

/// A test kind with one list-valued parameter: the scalar `total` is the sum of `weights`.
private struct ListSumExperiment: ExperimentKind {
    var name: String { "list-sum" }
    var version: String { "list-sum-1" }
    var parameters: [SpecField] {
        [SpecField("weights", .list(.integer(0...100), count: 1...4), default: .list([.integer(1)]))]
    }
    func check(_ spec: SpecValue) throws(KindIssue) {}
    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { [:] }
    func metrics(_ spec: SpecValue) -> MetricCatalog { MetricCatalog(series: [], scalars: ["total"]) }
    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "none" }
    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        guard case .list(let items) = spec[path: "weights"]! else { return Measurements(series: [:], scalars: [:]) }
        return Measurements(series: [:], scalars: ["total": items.reduce(0) { $0 + $1.doubleValue! }])
    }
}
