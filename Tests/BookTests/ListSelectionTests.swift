import XCTest
@testable import Book

final class ListSelectionTests: XCTestCase {
    private func chapter(_ claimWhere: String) -> String {
        """
        # A

        ```experiment
        id: lists
        kind: line
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
        book.write("book.yml", "title: Lists\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter("{weights: [1, 2, 3]}"))
        let (_, log) = book.build()
        let message = log.errors.joined(separator: "\n")
        XCTAssertTrue(message.contains("01-a.md:12:18: key 'where.weights'"), message)
        XCTAssertTrue(message.contains("[1, 2]") && message.contains("[3, 4, 5]"), message)
    }
}
