import XCTest
@testable import Book

final class TableColumnFormatTests: XCTestCase {
    /// A column's own `digits` and `format` override the table's; other columns keep the table's.
    func testPerColumnDigitsAndFormat() throws {
        let book = TestBook()
        book.write("book.yml", "title: Columns\nchapters: [01-a.md]\n")
        book.write("01-a.md", """
        # A

        ```experiment
        id: lines
        kind: line
        slope: 0.123456
        seeds: [0]
        ```

        ```table
        label: mixed
        from: lines
        columns: [{metric: slope, digits: 4}, {metric: final, format: percent, digits: 1}, final]
        digits: 2
        caption: Mixed formats.
        ```
        """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        let page = try XCTUnwrap(book.file("01-a.html"))
        // slope = 0.123456; final = 5 · 0.123456 = 0.61728 (seed 0 adds nothing).
        XCTAssertTrue(page.contains(">0.1235<"), "slope with 4 digits")
        XCTAssertTrue(page.contains(">61.7%<"), "final as a percentage with 1 digit")
        XCTAssertTrue(page.contains(">0.62<"), "final with the table's 2 digits")
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
