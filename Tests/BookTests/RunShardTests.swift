import XCTest
@testable import Book

/// `plan` and `run --keys FILE --shard I/N` on a book of closed-form runs: the shards of a keys
/// file together train every run exactly once, and then the plan finds them all cached.
final class RunShardTests: XCTestCase {
    let chapter = """
    # Lines

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2, 3], points: [5, 50]}
    seeds: [1, 2]
    ```
    """

    private func plan(_ book: TestBook) throws -> RunPlan {
        var plan: RunPlan?
        let summary = BookBuilder(options: book.options(log: MessageLog())).plan { plan = $0 }
        XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
        return try XCTUnwrap(plan)
    }

    func testShardsOfAKeysFileTrainEveryRunOnce() throws {
        let book = TestBook()
        book.write("01-lines.md", chapter)
        let before = try plan(book)
        XCTAssertEqual(before.runs.count, 12)
        XCTAssertEqual(before.missing.count, 12)
        XCTAssertTrue(before.runs.allSatisfy { $0.source == .model })

        let keys = book.root.appendingPathComponent("runs.keys")
        try KeysFile(items: before.missing.map { .init(key: $0.key, seconds: $0.seconds) }).text.write(to: keys, atomically: true, encoding: .utf8)
        let counted = LineExperiment.counter.count
        var trainedPerShard: [Int] = []
        for i in 0..<3 {
            let summary = BookBuilder(options: book.options(log: MessageLog())).runShard(try Shard(index: i, count: 3), keys: keys)
            XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
            trainedPerShard.append(summary.trainedRuns)
        }
        XCTAssertEqual(trainedPerShard, [4, 4, 4])
        XCTAssertEqual(LineExperiment.counter.count - counted, 12, "every run trained once")
        XCTAssertFalse(FileManager.default.fileExists(atPath: book.output.path), "run renders nothing")

        let after = try plan(book)
        XCTAssertTrue(after.missing.isEmpty)
        XCTAssertTrue(after.runs.allSatisfy { $0.source == .measured })
        // A shard run again finds its runs cached and trains nothing.
        let again = BookBuilder(options: book.options(log: MessageLog())).runShard(try Shard(index: 0, count: 3), keys: keys)
        XCTAssertEqual(again.trainedRuns, 0)
        XCTAssertEqual(LineExperiment.counter.count - counted, 12)
    }

    func testAKeyFromAnotherBookIsAnError() throws {
        let book = TestBook()
        book.write("01-lines.md", chapter)
        let keys = book.root.appendingPathComponent("runs.keys")
        try (String(repeating: "ab", count: 32) + "\t1\n").write(to: keys, atomically: true, encoding: .utf8)
        let log = MessageLog()
        let summary = BookBuilder(options: book.options(log: log)).runShard(try Shard(index: 0, count: 1), keys: keys)
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(summary.errors.joined().contains("is not a run of this book"), "\(summary.errors)")
    }

    func testCostsFromTheExperimentsHistory() throws {
        let book = TestBook()
        book.write("01-lines.md", chapter)
        book.build()
        // Closed-form runs take no measurable time: give each cached run 2 s of wall time.
        let cache = ResultCache(directory: book.cache)
        for run in try plan(book).runs {
            guard case .hit(var r) = cache.lookup(run.key) else { return XCTFail("\(run.name) not cached") }
            r.provenance.wallSeconds = 2
            try FileManager.default.removeItem(at: book.cache.appendingPathComponent("runs/\(run.key.prefix(2))/\(run.key).json"))
            try cache.store(r)
        }
        book.write("01-lines.md", chapter.replacingOccurrences(of: "[5, 50]", with: "[5, 50, 500]"))
        let plan = try plan(book)
        let missing = plan.missing
        XCTAssertEqual(missing.count, 6)
        XCTAssertTrue(missing.allSatisfy { $0.source == .experiment })
        // Seconds per unit of the experiment's cached runs, times the new runs' units.
        let cached = plan.runs.filter(\.cached)
        XCTAssertEqual(cached.map(\.seconds), Array(repeating: 2, count: 12))
        let rate = 24 / cached.map(\.units).reduce(0, +)
        XCTAssertEqual(missing[0].seconds, missing[0].units * rate, accuracy: 1e-9)
        XCTAssertEqual(missing[0].seconds, 2, accuracy: 1e-9, "the line kind's runs all have the same workload")
    }

    func testEmitSlurmWritesTheScriptAndItsKeys() throws {
        let book = TestBook()
        book.write("01-lines.md", chapter)
        let script = book.root.appendingPathComponent("job.sh")
        let submission = SlurmSubmission(executable: "/shared/memgen-book", maxParallel: 5)
        let summary = BookBuilder(options: book.options(log: MessageLog())).emitSlurm(submission, to: script)
        XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
        let text = try String(contentsOf: script, encoding: .utf8)
        XCTAssertTrue(text.contains("#SBATCH --array=0-4%5\n"), text)
        let keysPath = try XCTUnwrap(text.components(separatedBy: "--keys '").dropFirst().first?.components(separatedBy: "'").first)
        let keys = try KeysFile(parsing: String(contentsOfFile: keysPath, encoding: .utf8), file: keysPath)
        XCTAssertEqual(Set(keys.items.map(\.key)), Set(try plan(book).missing.map(\.key)))
        XCTAssertEqual(keys.items.count, 12)
        XCTAssertTrue(keysPath.hasPrefix(book.cache.standardizedFileURL.path + "/slurm/"))
    }
}
