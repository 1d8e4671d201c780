import XCTest
@testable import Book

final class ClaimsIndexTests: XCTestCase {
    /// A closing chapter's `claims` table lists the claims of every chapter, including later ones,
    /// with the verdicts the claim cards show.
    func testClaimsTableGathersEveryVerdict() throws {
        let book = TestBook()
        book.write("book.yml", "title: Claims\nchapters: [01-a.md, 02-summary.md, 03-b.md]\n")
        book.write("01-a.md", """
        # A

        ```experiment
        id: lines
        kind: line
        seeds: [1, 2, 3]
        slope: 2
        ```

        ```claim
        from: lines
        metric: slope
        statement: The slope is at least one.
        paper: "Somebody 2020: slopes are steep"
        expect: {at-least: 1}
        ```
        """)
        book.write("02-summary.md", """
        # Summary

        ```claims
        caption: Every claim of the book.
        label: all
        ```
        """)
        book.write("03-b.md", """
        # B

        ```experiment
        id: flat
        kind: line
        seeds: [1, 2, 3]
        slope: 0.5
        ```

        ```claim
        from: flat
        metric: slope
        statement: This slope is at least one too.
        expect: {at-least: 1}
        ```
        """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        let page = try XCTUnwrap(book.file("02-summary.html"))
        XCTAssertFalse(page.contains("<!--memgen:claims-index-->"))
        XCTAssertTrue(page.contains("id=\"tbl-all\""))
        XCTAssertTrue(page.contains("Table 2.1.</span> Every claim of the book."))
        let rows = page.components(separatedBy: "<tr class=").dropFirst()
        XCTAssertEqual(rows.count, 2)
        XCTAssertTrue(rows[rows.startIndex].hasPrefix("\"replicated\""))
        XCTAssertTrue(rows[rows.startIndex].contains("Somebody 2020: slopes are steep"))
        XCTAssertTrue(rows[rows.startIndex].contains("href=\"01-a.html#claim-1-1\""))
        XCTAssertTrue(rows[rows.startIndex + 1].hasPrefix("\"not-replicated\""))
        XCTAssertTrue(rows[rows.startIndex + 1].contains("This slope is at least one too."))
        // The table counts all four verdicts.
        for count in ["replicated</span></span>: 1", "not replicated</span></span>: 1", "inconclusive</span></span>: 0", "not judged (quick profile)</span></span>: 0"] {
            XCTAssertTrue(page.contains(count), count)
        }
        // The reproducibility page shows the same table.
        XCTAssertTrue(try XCTUnwrap(book.file("reproducibility.html")).contains("This slope is at least one too."))
    }

    func testUnknownKeyInClaimsIsAnError() {
        let book = TestBook()
        book.write("book.yml", "title: Claims\nchapters: [01-a.md]\n")
        book.write("01-a.md", "# A\n\n```claims\ncaptoin: x\n```\n")
        let (summary, log) = book.build()
        XCTAssertNotEqual(summary.exitCode, 0)
        XCTAssertTrue(log.errors.contains { $0.contains("01-a.md:4:1: unknown key 'captoin' in claims") && $0.contains("did you mean 'caption'?") },
                      log.errors.joined(separator: "\n"))
    }
}

final class TrendClaimTests: XCTestCase {
    /// A trend over a parameter without numeric values used to be judged "replicated" with no data.
    func testTrendOverNonNumericParameterIsAnError() {
        let book = TestBook()
        book.write("book.yml", "title: Trend\nchapters: [01-a.md]\n")
        book.write("01-a.md", """
        # A

        ```experiment
        id: lines
        kind: line
        seeds: [1, 2, 3]
        sweep: {shape: [linear, power]}
        ```

        ```claim
        from: lines
        metric: final
        expect: {increasing: shape}
        ```
        """)
        let (summary, log) = book.build()
        XCTAssertNotEqual(summary.exitCode, 0)
        XCTAssertEqual(summary.claimsReplicated, 0)
        XCTAssertTrue(log.errors.contains { $0.contains("01-a.md:") && $0.contains("must take at least two numeric values") },
                      log.errors.joined(separator: "\n"))
    }
}
