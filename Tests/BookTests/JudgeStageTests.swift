import XCTest
@testable import Book

/// The stage "judge claims": every claim judged on its results before rendering, into values the
/// cards, the claims table and the summary read; rendering changes none of them.
final class JudgeStageTests: XCTestCase {
    /// `final = 5·slope + seed/1000` over seeds 1–3: slope 2 gives 10.002 ± 0.0025.
    static let chapter = """
    # Judged

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2]}
    seeds: [1, 2, 3]
    ```

    ```claim
    label: high
    from: lines
    metric: final
    where: {slope: 2}
    expect: {at-least: 9}
    ```

    ```claim
    label: low
    from: lines
    metric: final
    where: {slope: 2}
    expect: {at-most: 9}
    ```

    ```claim
    label: second-seed
    from: lines
    metric: final
    where: {slope: 1, seed: 2}
    expect: {at-least: 4}
    ```
    """

    func stages(_ book: TestBook, profile: Profile = .full, train: Bool = true) throws -> BuildState {
        let s = BuildState(options: book.options(profile: profile, log: MessageLog()))
        try BookStages.readConfig(s)
        try BookStages.parseChapters(s)
        try BookStages.index(s)
        try BookStages.plan(s)
        if train { try BookStages.train(s) }
        try BookStages.judge(s)
        return s
    }

    func testVerdictsInBookOrderAndCounted() throws {
        let book = TestBook()
        book.write("01-judged.md", JudgeStageTests.chapter)
        let s = try stages(book)
        XCTAssertEqual(s.diagnostics, [])
        XCTAssertEqual(s.verdicts.entries.map(\.target.label), ["high", "low", "second-seed"])
        XCTAssertEqual(s.verdicts.judged.map(\.outcome.verdict), [.replicated, .notReplicated, .inconclusive])
        guard case .judged(let high, let results)? = s.verdicts[DirectiveID(chapter: "01-judged", line: 10)] else { return XCTFail("no verdict at line 10") }
        XCTAssertEqual(high.verdict, .replicated)
        XCTAssertEqual(results.runs.count, 6, "judged on every run of the experiment (the claim selects slope 2)")
        XCTAssertEqual([s.summary.claimsReplicated, s.summary.claimsNotReplicated, s.summary.claimsInconclusive, s.summary.claimsNotJudged], [1, 1, 1, 0])
    }

    func testUntrainedRunsLeaveClaimsWithoutResults() throws {
        let book = TestBook()
        book.write("01-judged.md", JudgeStageTests.chapter)
        let s = try stages(book, train: false)
        for entry in s.verdicts.entries {
            guard case .noResults(let missing) = entry.judgement else { return XCTFail("\(entry.target.label) was judged") }
            XCTAssertEqual(missing.message, "6 of 6 runs of experiment 'lines' failed or were not trained")
        }
        XCTAssertEqual(s.diagnostics, [], "missing runs are not the claims' fault")
        XCTAssertEqual(s.summary.claimsReplicated + s.summary.claimsNotReplicated + s.summary.claimsInconclusive + s.summary.claimsNotJudged, 0)
    }

    /// The quick profile trains seed 1 only: a claim on seed 2 has no runs and is an error at its line.
    func testAClaimTheResultsCannotAnswerIsAnErrorAtTheDirective() throws {
        let book = TestBook()
        book.write("01-judged.md", JudgeStageTests.chapter)
        let s = try stages(book, profile: .quick)
        XCTAssertEqual(s.verdicts.judged.map(\.outcome.verdict), [.notJudged, .notJudged])
        guard case .failed(let d) = s.verdicts.entries[2].judgement else { return XCTFail("the seed-2 claim was judged") }
        XCTAssertEqual(d.file, "\(BuildState.display(book.chapters))/01-judged.md")
        XCTAssertEqual(d.line, 29, "the metric key of the claim fenced at line 26")
        XCTAssertTrue(d.message.contains("no runs match"), d.message)
        XCTAssertEqual(s.diagnostics, [d])
    }

    func testRenderingChangesNeitherVerdictsNorSummary() throws {
        let book = TestBook()
        book.write("01-judged.md", JudgeStageTests.chapter)
        let s = try stages(book)
        let (summary, verdicts, diagnostics) = (s.summary, s.verdicts.judged.map(\.outcome.verdict), s.diagnostics)
        let first = try SiteRenderer(state: s).render()
        let second = try SiteRenderer(state: s).render()
        XCTAssertEqual(first.files, second.files, "rendering twice gives the same site")
        XCTAssertEqual(s.summary.claimsReplicated, summary.claimsReplicated)
        XCTAssertEqual(s.summary.claimsInconclusive, summary.claimsInconclusive)
        XCTAssertEqual(s.verdicts.judged.map(\.outcome.verdict), verdicts)
        XCTAssertEqual(s.diagnostics, diagnostics)
        XCTAssertTrue(s.files.isEmpty, "the render stage, not the renderer, stores the files")
        let page = try XCTUnwrap(first.files["01-judged.html"].flatMap { String(data: $0, encoding: .utf8) })
        XCTAssertTrue(page.contains("<div class=\"claim not-replicated\" id=\"claim-low\">"))
    }
}
