import Foundation
import XCTest
@testable import Book

/// The committed results as a read-only layer, and `verify` against them.
final class FrozenResultsTests: XCTestCase {
    private let chapter = """
    # Frozen

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2, 3]}
    seeds: [1, 2]
    ```

    ```figure
    from: lines
    x: x
    y: y
    caption: Lines.
    ```

    """

    /// A build of `book` with a fresh cache and the committed results of its output folder.
    private func frozenBuild(_ book: TestBook) -> (BuildSummary, MessageLog) {
        book.cache = book.root.appendingPathComponent("cache-\(UUID().uuidString)")
        let log = MessageLog()
        var options = book.options(log: log)
        options.frozenResults = book.output.appendingPathComponent("data")
        return (BookBuilder(options: options).build(), log)
    }

    private func verify(_ book: TestBook, _ selection: VerifySelection = .all) -> (BuildSummary, MessageLog) {
        let log = MessageLog()
        return (BookBuilder(options: book.options(log: log)).verify(selection), log)
    }

    /// Rewrites `data/lines.json` through `edit` (on its parsed JSON).
    private func editCommitted(_ book: TestBook, _ edit: (inout [String: Any]) -> Void) throws {
        let url = book.output.appendingPathComponent("data/lines.json")
        var json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        edit(&json)
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: url)
    }

    /// Sets the first value of run 0's `y` series to `value`, optionally with a matching checksum.
    private func tamper(_ book: TestBook, value: Double, fixChecksum: Bool) throws {
        try editCommitted(book) { json in
            var runs = json["runs"] as! [[String: Any]]
            var result = runs[0]["result"] as! [String: Any]
            var measurements = result["measurements"] as! [String: Any]
            var series = measurements["series"] as! [String: Any]
            var y = series["y"] as! [Double]
            y[0] = value
            series["y"] = y; measurements["series"] = series; result["measurements"] = measurements
            runs[0]["result"] = result
            if fixChecksum {
                let data = try! JSONSerialization.data(withJSONObject: result)
                let decoded = try! ResultCache.decoder.decode(RunResult.self, from: data)
                runs[0]["sha256"] = FrozenResults.checksum(decoded)
            }
            json["runs"] = runs
        }
    }

    /// The committed runs' wall seconds, per experiment: the time estimate's fallback.
    func testCommittedWallSecondsAreReadPerExperimentWhateverTheKeys() throws {
        let book = TestBook()
        book.write("01-f.md", chapter)
        XCTAssertEqual(book.build().0.trainedRuns, 6)
        let url = book.output.appendingPathComponent("data/lines.json")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let runs = try XCTUnwrap(json["runs"] as? [[String: Any]])
        let expected = runs.compactMap { (($0["result"] as? [String: Any])?["provenance"] as? [String: Any])?["wallSeconds"] as? Double }
        XCTAssertEqual(expected.count, 6)
        let frozen = FrozenResults(directory: book.output.appendingPathComponent("data"), profile: .full)
        XCTAssertEqual(frozen.wallSeconds["lines"]?.sorted(), expected.sorted())
        XCTAssertNil(frozen.wallSeconds["other"])
    }

    func testAFreshCacheReusesEveryCommittedResultAndWritesTheSameReport() throws {
        let book = TestBook()
        book.write("01-f.md", chapter)
        XCTAssertEqual(book.build().0.trainedRuns, 6)
        let page = book.file("01-f.html")
        let (summary, _) = frozenBuild(book)
        XCTAssertEqual(summary.trainedRuns, 0)
        XCTAssertEqual(summary.frozenRuns, 6)
        XCTAssertEqual(summary.cachedRuns, 6)
        XCTAssertEqual(book.file("01-f.html"), page, "the page built from committed results differs")
        // The layer filled the new cache: the next build needs no committed results.
        XCTAssertEqual(book.build().0.frozenRuns, 0)
    }

    func testAChangedExperimentTrainsOnlyWhatChanged() {
        let book = TestBook()
        book.write("01-f.md", chapter)
        book.build()
        book.write("01-f.md", chapter.replacingOccurrences(of: "[1, 2, 3]", with: "[1, 2, 4]"))
        let (summary, _) = frozenBuild(book)
        XCTAssertEqual(summary.trainedRuns, 2)
        XCTAssertEqual(summary.frozenRuns, 4)
    }

    func testAnEditedCommittedNumberIsRetrainedNotShown() throws {
        let book = TestBook()
        book.write("01-f.md", chapter)
        book.build()
        try tamper(book, value: 12345, fixChecksum: false)
        let (summary, log) = frozenBuild(book)
        XCTAssertEqual(summary.trainedRuns, 1, "the run whose number was edited is retrained")
        XCTAssertEqual(summary.frozenRuns, 5)
        XCTAssertTrue(log.lines.contains { $0.contains("committed results: 1 not used") && $0.contains("checksum mismatch") }, "\(log.lines)")
        XCTAssertFalse(book.file("data/lines.json")!.contains("12345"))
    }

    func testVerifyPassesOnAnHonestReport() {
        let book = TestBook()
        book.write("01-f.md", chapter)
        book.build()
        let (summary, log) = verify(book)
        XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
        XCTAssertEqual(summary.trainedRuns, 6, "verify retrains every run from scratch")
        XCTAssertTrue(log.lines.contains("verify: 6 of 6 runs identical to the committed results"), "\(log.lines)")
    }

    func testVerifyFindsACommittedNumberThatTheCodeDoesNotProduce() throws {
        let book = TestBook()
        book.write("01-f.md", chapter)
        book.build()
        // A wrong number with a valid checksum: only retraining can tell.
        try tamper(book, value: 12345, fixChecksum: true)
        let (summary, log) = verify(book)
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertEqual(summary.errors.count, 1, "\(summary.errors)")
        XCTAssertTrue(summary.errors[0].contains("series y[0]: committed 12345.0, retrained "), summary.errors[0])
        XCTAssertTrue(log.lines.contains { $0.contains("5 of 6 runs identical") && $0.contains("1 differ") }, "\(log.lines)")
    }

    func testVerifyReportsRunsTheReportLacksAndSelectsByChapterOrSample() {
        let book = TestBook()
        book.write("01-f.md", chapter)
        book.build()
        book.write("01-f.md", chapter.replacingOccurrences(of: "[1, 2, 3]", with: "[1, 2, 4]"))
        let (changed, _) = verify(book)
        XCTAssertEqual(changed.exitCode, 1)
        XCTAssertEqual(changed.errors.filter { $0.contains("not in the committed results") }.count, 2, "\(changed.errors)")
        book.write("01-f.md", chapter)
        let (sampled, sampleLog) = verify(book, .sample(2))
        XCTAssertEqual(sampled.exitCode, 0, "\(sampled.errors)")
        XCTAssertEqual(sampled.trainedRuns, 2)
        XCTAssertTrue(sampleLog.lines.contains("verify: 2 of 2 runs identical to the committed results"))
        XCTAssertEqual(verify(book, .chapter("01-f.md")).0.trainedRuns, 6)
        let (unknown, _) = verify(book, .chapter("02-nothing.md"))
        XCTAssertEqual(unknown.exitCode, 1)
        XCTAssertTrue(unknown.errors.joined().contains("no experiment is defined in a chapter of that name"), "\(unknown.errors)")
    }

    func testTimingMetricsAreNotCompared() {
        XCTAssertTrue(ResultComparison.isTiming("seconds"))
        XCTAssertTrue(ResultComparison.isTiming("seconds-per-step"))
        XCTAssertTrue(ResultComparison.isTiming("step-seconds"))
        XCTAssertFalse(ResultComparison.isTiming("train-loss"))
        XCTAssertFalse(ResultComparison.isTiming("secondsish"))
    }
}

/// `build CHAPTER…`: only the named chapters train and are written.
final class ChapterSelectionTests: XCTestCase {
    private func chapter(_ title: String, id: String, slope: Int) -> String {
        """
        # \(title)

        ```experiment
        id: \(id)
        kind: line
        sweep: {slope: [\(slope)]}
        seeds: [1, 2]
        ```

        ```figure
        from: \(id)
        x: x
        y: y
        caption: Lines.
        ```

        """
    }

    func testBuildingOneChapterTrainsAndWritesOnlyIt() throws {
        let book = TestBook()
        book.write("01-a.md", chapter("A", id: "a", slope: 1))
        book.write("02-b.md", chapter("B", id: "b", slope: 2))
        XCTAssertEqual(book.build().0.trainedRuns, 4)
        let pageB = try XCTUnwrap(book.file("02-b.html"))
        let figuresB = try FileManager.default.contentsOfDirectory(atPath: book.output.appendingPathComponent("figures").path).filter { $0.hasPrefix("02-b-") }
        XCTAssertFalse(figuresB.isEmpty)

        // Both chapters change; only A is built.
        book.write("01-a.md", chapter("A edited", id: "a", slope: 3))
        book.write("02-b.md", chapter("B edited", id: "b", slope: 4))
        let log = MessageLog()
        var options = book.options(log: log)
        options.chapterSelection = ["01-a.md"]
        let summary = BookBuilder(options: options).build()
        XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
        XCTAssertEqual(summary.trainedRuns, 2, "only chapter A's experiment trains")
        XCTAssertTrue(book.file("01-a.html")!.contains("A edited"))
        XCTAssertEqual(book.file("02-b.html"), pageB, "chapter B's page is left as it was")
        for name in figuresB { XCTAssertTrue(book.exists("figures/\(name)"), "\(name) was removed") }
        XCTAssertTrue(log.lines.contains { $0.contains("building 01-a.md only (2 runs of other chapters not trained;") }, "\(log.lines)")
        XCTAssertFalse(book.file("search-index.js")!.contains("edited"), "B has no results: the search index is left as it was")
        // A whole-book build afterwards trains B and writes everything.
        XCTAssertEqual(book.build().0.trainedRuns, 2)
        XCTAssertTrue(book.file("02-b.html")!.contains("B edited"))

        // Every run has results now: building A alone also rewrites the book-wide pages.
        book.write("01-a.md", chapter("A renamed", id: "a", slope: 3))
        let again = MessageLog()
        var second = book.options(log: again)
        second.chapterSelection = ["01-a.md"]
        XCTAssertEqual(BookBuilder(options: second).build().trainedRuns, 0)
        XCTAssertTrue(again.lines.contains { $0.contains("building 01-a.md only (with the search index") }, "\(again.lines)")
        for page in ["search-index.js", "print.html", "index.html"] {
            XCTAssertTrue(book.file(page)!.contains("A renamed"), "\(page) follows the rebuilt chapter")
        }
        XCTAssertTrue(book.file("print.html")!.contains("B edited"), "and still holds the other chapters")
    }

    func testAnUnknownChapterNameIsAnErrorListingTheChapters() {
        let book = TestBook()
        book.write("01-a.md", chapter("A", id: "a", slope: 1))
        let log = MessageLog()
        var options = book.options(log: log)
        options.chapterSelection = ["01-b.md"]
        let summary = BookBuilder(options: options).build()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(summary.errors.joined().contains("no chapter '01-b.md' in the book (book.yml lists: 01-a.md)"), "\(summary.errors)")
        XCTAssertFalse(book.exists("01-a.html"), "nothing is written after the error")
    }
}
