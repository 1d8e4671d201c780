import XCTest
@testable import Book

/// `measure:` code spans write measured numbers into sentences.
final class MeasuredValueTests: XCTestCase {
    static func chapter(_ sentence: String) -> String {
        """
        # M

        ```experiment
        id: lines
        kind: line
        sweep: {slope: [1, 2]}
        seeds: [1, 2, 3]
        ```

        \(sentence)
        """
    }

    func testValuesSpreadsAndIntervalsAreWrittenIntoTheSentence() throws {
        let book = TestBook()
        // final = 5·slope + seed/1000: for slope 2, mean 10.002, s = 0.001, 95% CI ± 4.3027·0.001/√3 = ± 0.00248.
        book.write("01-m.md", MeasuredValueTests.chapter("""
        Plain `measure: {from: lines, metric: final, where: {slope: 2}}`, spread `measure: {from: lines, metric: final, where: {slope: 2}, digits: 4, spread: sd}`, interval `measure: {from: lines, metric: final, where: {slope: 2}, digits: 4, spread: ci}`, share `measure: {from: lines, metric: slope, where: {slope: 1}, format: percent, digits: 0}`; other code `x: 1` stays code.
        """))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        let page = try XCTUnwrap(book.file("01-m.html"))
        XCTAssertTrue(page.contains(">10.002</span>"), page)
        XCTAssertTrue(page.contains(">10.0020 ± 0.0010</span>"), page)
        XCTAssertTrue(page.contains(">10.0020 (95% CI 9.9995–10.0045, 3 seeds)</span>"), page)
        XCTAssertTrue(page.contains(">100%</span>"), page)
        XCTAssertTrue(page.contains("<code>x: 1</code>"))
    }

    func testQuickProfileShowsAPlaceholder() throws {
        let book = TestBook()
        book.write("01-m.md", MeasuredValueTests.chapter("It is `measure: {from: lines, metric: final}`."))
        let (summary, _) = book.build(profile: .quick)
        XCTAssertEqual(summary.errors, [])
        XCTAssertTrue(try XCTUnwrap(book.file("01-m.html")).contains("[not measured: quick profile]"))
    }

    func testCheckReportsAnUnknownMetricAtItsLineAndColumnWithASuggestion() {
        let book = TestBook()
        book.write("01-m.md", MeasuredValueTests.chapter("It is `measure: {from: lines, metric: finl}`."))
        let (summary, _) = book.check()
        XCTAssertEqual(summary.errors.count, 1, "\(summary.errors)")
        // Line 10; the span's text starts at column 8 and `finl` is its 32nd character: column 7 + 32.
        XCTAssertTrue(summary.errors[0].contains("01-m.md:10:39: measured value: key 'metric': unknown metric 'finl'"), "\(summary.errors)")
        XCTAssertTrue(summary.errors[0].contains("did you mean 'final'?"), "\(summary.errors)")
    }

    func testCheckReportsAnUnknownKey() {
        let book = TestBook()
        book.write("01-m.md", MeasuredValueTests.chapter("It is `measure: {from: lines, metric: final, digit: 2}`."))
        let (summary, _) = book.check()
        XCTAssertTrue(summary.errors.first?.contains("unknown key 'digit'") == true, "\(summary.errors)")
        XCTAssertTrue(summary.errors.first?.contains("did you mean 'digits'?") == true, "\(summary.errors)")
    }

    func testVerdictsAndTheirCountsAreWrittenIntoTheSentence() throws {
        // slope 2 gives 10.001…10.003: at least 9 holds for every seed, at least 11 for none.
        let claims = """
        ```claim
        label: holds
        from: lines
        where: {slope: 2}
        metric: final
        expect: {at-least: 9}
        ```

        ```claim
        label: fails
        from: lines
        where: {slope: 2}
        metric: final
        expect: {at-least: 11}
        ```

        The first is `measure: {verdict: holds}`, the second `measure: {verdict: fails}`; `measure: {verdicts: replicated}` of `measure: {verdicts: all}` replicated, `measure: {verdicts: not replicated}` not.
        """
        let book = TestBook()
        book.write("01-m.md", MeasuredValueTests.chapter(claims))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        let page = try XCTUnwrap(book.file("01-m.html"))
        XCTAssertTrue(page.contains("The first is <a class=\"verdict-ref replicated\" href=\"01-m.html#claim-holds\">replicated</a>"), page)
        XCTAssertTrue(page.contains("the second <a class=\"verdict-ref not-replicated\" href=\"01-m.html#claim-fails\">not replicated</a>"), page)
        XCTAssertTrue(page.contains(">1</span> of <span class=\"measured\" title=\"claims with the verdict all\">2</span> replicated"), page)

        book.write("01-m.md", MeasuredValueTests.chapter(claims.replacingOccurrences(of: "{verdict: fails}", with: "{verdict: fail}")))
        let (checked, _) = book.check()
        XCTAssertTrue(checked.errors.contains { $0.contains("no claim has the label 'fail'") && $0.contains("did you mean 'fails'?") }, "\(checked.errors)")
    }
}
