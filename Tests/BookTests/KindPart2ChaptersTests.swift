import XCTest
@testable import Book

/// The part-2 chapters (09–15) as written in `Chapters/` build under `--profile quick` without
/// any error: every directive validates, every kind shrinks and runs, every claim is shown but
/// not judged. The closing chapter 16 refers to claims of every chapter, so the whole book is
/// checked (without training) instead.
final class KindPart2ChaptersTests: XCTestCase {
    /// The repository's `Chapters/` folder.
    static let chapters = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Chapters")

    func testPartTwoChaptersBuildQuick() throws {
        let source = Self.chapters
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path)
            .filter { $0.hasSuffix(".md") && ["09", "10", "11", "12", "13", "14", "15"].contains(String($0.prefix(2))) }.sorted()
        XCTAssertEqual(names.count, 7, "\(names)")
        let book = TestBook()
        for name in names + ["references.bib"] { book.write(name, try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8)) }
        book.write("book.yml", "title: part 2\nchapters:\n" + names.map { "  - \($0)\n" }.joined())
        let (summary, log) = book.build(jobs: 2, profile: .quick)
        XCTAssertEqual(log.errors, [])
        XCTAssertEqual(summary.failedRuns, 0)
        XCTAssertGreaterThan(summary.trainedRuns, 30)
        XCTAssertEqual(summary.claimsReplicated + summary.claimsNotReplicated, 0)
        XCTAssertGreaterThanOrEqual(summary.claimsNotJudged, 30)
    }

    /// Every chapter with the book's own `book.yml` passes `check` with no results at all (a fresh
    /// clone): references, citations, measured values and measured verdicts all resolve.
    func testTheWholeBookChecksWithoutResults() throws {
        let source = Self.chapters
        let book = TestBook()
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) where name.hasSuffix(".md") || name.hasSuffix(".bib") || name == "book.yml" {
            book.write(name, try String(contentsOf: source.appendingPathComponent(name), encoding: .utf8))
        }
        let (summary, log) = book.check()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        XCTAssertEqual(summary.chapters, 17)
    }
}
