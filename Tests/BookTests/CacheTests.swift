import XCTest
@testable import Book

/// The result cache: what re-trains and what does not.
final class CacheTests: XCTestCase {
    private func chapter(experiment: String, prose: String = "Some prose.", caption: String = "A caption.") -> String {
        """
        # Cache

        \(prose)

        ```experiment
        \(experiment)
        ```

        ```figure
        from: lines
        x: x
        y: y
        caption: \(caption)
        ```

        """
    }

    private let base = "id: lines\nkind: line\nsweep: {slope: [1, 2, 3]}\nseeds: [1, 2]"

    func testOnlyWhatChangedIsRetrained() {
        let book = TestBook()
        book.write("01-c.md", chapter(experiment: base))
        XCTAssertEqual(book.build().0.trainedRuns, 6)

        XCTAssertEqual(book.build().0.trainedRuns, 0, "second build trains nothing")

        book.write("01-c.md", chapter(experiment: base, prose: "Edited prose with *emphasis*.", caption: "A new caption."))
        let (afterProse, _) = book.build()
        XCTAssertEqual(afterProse.trainedRuns, 0, "prose and caption edits train nothing")
        XCTAssertFalse(afterProse.filesWritten.isEmpty, "but the page is rewritten")

        let reformatted = "kind: line\nseeds:\n  - 1\n  - 2\nid: lines\noffset: 0   # the default, written out\nsweep:\n  slope: [1.0, 2, 3]"
        book.write("01-c.md", chapter(experiment: reformatted))
        XCTAssertEqual(book.build().0.trainedRuns, 0, "reformatting and spelling out defaults train nothing")

        book.write("01-c.md", chapter(experiment: "id: lines\nkind: line\nsweep: {slope: [1, 2, 4]}\nseeds: [1, 2]"))
        let (afterEdit, _) = book.build()
        XCTAssertEqual(afterEdit.trainedRuns, 2, "a changed sweep value re-trains exactly its two seeds")
        XCTAssertEqual(afterEdit.cachedRuns, 4)

        book.write("01-c.md", chapter(experiment: "id: lines\nkind: line\nsweep: {slope: [1, 2, 4]}\nseeds: [1, 2]\npoints: 6"))
        XCTAssertEqual(book.build().0.trainedRuns, 6, "a hyperparameter shared by all runs re-trains all of them")
    }

    func testCorruptEntryIsDetectedAndRerun() throws {
        let book = TestBook()
        book.write("01-c.md", chapter(experiment: base))
        book.build()
        let runs = book.cache.appendingPathComponent("runs")
        let files = FileManager.default.enumerator(at: runs, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "json" }.sorted { $0.path < $1.path }
        XCTAssertEqual(files.count, 6)
        // Truncate one entry, flip a digit in another.
        let a = try Data(contentsOf: files[0])
        try a.prefix(a.count / 2).write(to: files[0])
        var b = try String(contentsOf: files[1], encoding: .utf8)
        b = b.replacingOccurrences(of: "\"slope\":", with: "\"slope\": ")
        try Data(b.utf8).write(to: files[1])
        let (summary, log) = book.build()
        XCTAssertEqual(summary.trainedRuns, 2)
        XCTAssertEqual(log.lines.filter { $0.contains("is corrupt") }.count, 2)
        XCTAssertEqual(book.build().0.trainedRuns, 0, "the re-run entries are valid again")
    }

    func testParallelRunsEqualSerialRuns() throws {
        let chapter = """
        # P

        ```experiment
        id: tiny
        data: {train: 200, test: 100}
        model: {mlp: [32]}
        epochs: 2
        batch: 40
        sweep: {corruption.labels: [0, 0.5]}
        seeds: [1, 2]
        ```

        """
        let serial = TestBook(), parallel = TestBook()
        serial.write("01-p.md", chapter)
        parallel.write("01-p.md", chapter)
        XCTAssertEqual(serial.build(jobs: 1).0.trainedRuns, 4)
        XCTAssertEqual(parallel.build(jobs: 2).0.trainedRuns, 4)
        let a = try runsByKey(serial), b = try runsByKey(parallel)
        XCTAssertEqual(a.count, 4)
        XCTAssertEqual(Set(a.keys), Set(b.keys), "same cache keys")
        for (key, result) in a.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(result.measurements.scalars.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" },
                           b[key]!.measurements.scalars.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })
            XCTAssertEqual(result.measurements.series["train-loss"], b[key]!.measurements.series["train-loss"])
            XCTAssertEqual(result.measurements.series["test-accuracy"], b[key]!.measurements.series["test-accuracy"])
        }
    }

    func testConcurrentBuildsOnOneCacheBothFinish() {
        let chapterText = chapter(experiment: base)
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-shared-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        let books = [TestBook(cache: cache), TestBook(cache: cache)]
        for b in books { b.write("01-c.md", chapterText) }
        let results = ResultsBox()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let (s, _) = books[i].build()
            results.set(i, s.exitCode)
        }
        XCTAssertEqual(results.values, [0: 0, 1: 0])
        XCTAssertEqual(books[0].build().0.trainedRuns, 0)
        XCTAssertEqual(books[0].file("01-c.html"), books[1].file("01-c.html"))
    }

    private func runsByKey(_ book: TestBook) throws -> [String: RunResult] {
        let cache = ResultCache(directory: book.cache)
        let json = try XCTUnwrap(book.file("data/tiny.json"))
        var out: [String: RunResult] = [:]
        for line in json.split(separator: "\n") where line.contains("\"key\" :") {
            let key = line.split(separator: "\"")[3]
            if case .hit(let r) = cache.lookup(String(key)) { out[String(key)] = r }
        }
        return out
    }
}

final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Int: Int32] = [:]
    func set(_ i: Int, _ v: Int32) { lock.lock(); values[i] = v; lock.unlock() }
}
