import XCTest
@testable import Book

/// `--profile paper`: an experiment's `paper:` block sets parameters and seeds; without the
/// profile it changes nothing; its keys are checked like `quick:`'s.
final class PaperProfileTests: XCTestCase {
    let chapter = """
    # Lines

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2]}
    points: 5
    quick: {points: 3}
    paper: {points: 500, seeds: [1, 2, 3, 4]}
    ```
    """

    private func plan(_ book: TestBook, _ profile: Profile) throws -> RunPlan {
        var plan: RunPlan?
        let summary = BookBuilder(options: book.options(profile: profile, log: MessageLog())).plan { plan = $0 }
        XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
        return try XCTUnwrap(plan)
    }

    func testPaperBlockSetsParametersAndSeeds() throws {
        let book = TestBook()
        book.write("01-lines.md", chapter)
        let full = try plan(book, .full), paper = try plan(book, .paper)
        XCTAssertEqual(full.runs.map(\.name), ["lines[slope=1, seed=1]", "lines[slope=2, seed=1]"])
        XCTAssertEqual(paper.runs.map(\.name), (1...2).flatMap { slope in (1...4).map { "lines[slope=\(slope), seed=\($0)]" } })
        XCTAssertEqual(paper.profile, "paper")
        XCTAssertTrue(Set(paper.runs.map(\.key)).isDisjoint(with: full.runs.map(\.key)), "500 points is another spec")
        // Seed 1 of the paper profile is the full profile's run with points 500: build that and compare keys.
        book.write("01-lines.md", chapter.replacingOccurrences(of: "points: 5\n", with: "points: 500\n"))
        XCTAssertEqual(try plan(book, .full).runs.map(\.key), paper.runs.filter { $0.name.hasSuffix("seed=1]") }.map(\.key))
    }

    func testPaperBlockErrorsNameTheKey() {
        let book = TestBook()
        book.write("01-lines.md", chapter.replacingOccurrences(of: "paper: {points: 500", with: "paper: {pionts: 500"))
        let (summary, _) = book.check()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(summary.errors.contains { $0.contains("01-lines.md:9:") && $0.contains("key 'paper.pionts': unknown parameter path (did you mean 'points'?)") }, "\(summary.errors)")
        book.write("01-lines.md", chapter.replacingOccurrences(of: "seeds: [1, 2, 3, 4]", with: "seeds: [1, 1]"))
        XCTAssertTrue(book.check().0.errors.contains { $0.contains("key 'paper.seeds': seeds must be distinct") })
    }
}
