import Foundation
import XCTest
@testable import Book

/// Runs the real `memgen-book` binary (the debug build product next to the test bundle) on a tiny
/// book, kills it with SIGINT and SIGKILL at several points, and checks that the cache and the
/// output folder are never left with a corrupt entry or a half-written file, that the next build
/// finishes the work, and that two builds started at once both finish correctly.
final class InterruptionTests: XCTestCase {
    /// Sixteen runs on a 48-point Gaussian mixture (milliseconds each), a figure and a table.
    static let chapter = """
    # Interrupted

    Prose before the experiment.

    ```experiment
    id: mix
    data: {set: gaussian-mixture, train: 48, test: 48, clusters: 4, classes: 2, dimension: 6}
    model: {mlp: [8]}
    optimizer: {sgd: {lr: 0.05}}
    batch: 16
    epochs: 12
    sweep: {optimizer.sgd.lr: [0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.2, 0.3]}
    seeds: [1, 2]
    ```

    ```figure
    from: mix
    x: epoch
    y: train-loss
    series: lr
    caption: Loss per learning rate.
    ```

    ```table
    from: mix
    rows: lr
    columns: [train-accuracy, test-accuracy]
    caption: Accuracy per learning rate.
    ```

    """

    var binary: URL!
    var root: URL!

    override func setUpWithError() throws {
        // The test bundle (or, on Linux, the test executable) sits in the build products folder.
        let folders = [Bundle(for: InterruptionTests.self).bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
            .map { $0.deletingLastPathComponent().appendingPathComponent("memgen-book") }
        guard let candidate = folders.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("the memgen-book binary is not built next to the tests (\(folders.map(\.path)))")
        }
        binary = candidate
        root = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-interrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Chapters"), withIntermediateDirectories: true)
        try Data(Self.chapter.utf8).write(to: root.appendingPathComponent("Chapters/01-int.md"))
        try Data("title: Interruptions\n".utf8).write(to: root.appendingPathComponent("Chapters/book.yml"))
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    // MARK: - Helpers

    /// Starts `memgen-book build` on the fixture with its output and cache under `root`.
    func start(output: String, cache: String, log: String) throws -> Process {
        let p = Process()
        p.executableURL = binary
        p.currentDirectoryURL = root
        // Without the committed-results layer: these tests interrupt training, which reusing the
        // previous round's Output/data would skip.
        p.arguments = ["build", "--chapters", "Chapters", "--output", output, "--cache", cache, "--no-frozen"]
        let logURL = root.appendingPathComponent(log)
        XCTAssertTrue(FileManager.default.createFile(atPath: logURL.path, contents: nil), "cannot create \(logURL.path)")
        let handle = try FileHandle(forWritingTo: logURL)
        p.standardOutput = handle
        p.standardError = handle
        try p.run()
        return p
    }

    /// Runs a build to the end; returns its exit status and output.
    func build(output: String, cache: String) throws -> (Int32, String) {
        let log = "log-\(UUID().uuidString).txt"
        let p = try start(output: output, cache: cache, log: log)
        p.waitUntilExit()
        return (p.terminationStatus, (try? String(contentsOf: root.appendingPathComponent(log), encoding: .utf8)) ?? "")
    }

    /// Every file under `folder`, relative path → bytes.
    func tree(_ folder: String) -> [String: Data] {
        let base = root.appendingPathComponent(folder)
        var files: [String: Data] = [:]
        guard let e = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in e where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files[String(url.standardizedFileURL.path.dropFirst(base.standardizedFileURL.path.count + 1))] = try? Data(contentsOf: url)
        }
        return files
    }

    /// Every cache entry decodes and verifies; returns the entries' keys.
    @discardableResult
    func assertCacheIntact(_ cache: String, file: StaticString = #filePath, line: UInt = #line) -> Set<String> {
        let store = ResultCache(directory: root.appendingPathComponent(cache))
        var keys: Set<String> = []
        for path in tree(cache + "/runs").keys {
            let name = (path as NSString).lastPathComponent
            guard name.hasSuffix(".json") else { continue }   // temporary files are never read as entries
            let key = String(name.dropLast(5))
            if case .hit = store.lookup(key) { keys.insert(key) } else {
                XCTFail("cache entry \(path) is corrupt", file: file, line: line)
            }
        }
        return keys
    }

    /// Every page in the output folder is complete: HTML ends with `</html>`, PNGs with their IEND
    /// chunk, JSON parses. A killed build may leave a hidden temporary file (`.tmp-<pid>-…`, never a
    /// page); unless `killed`, none may be there — the next build removes them.
    func assertOutputComplete(_ output: String, killed: Bool = false, file: StaticString = #filePath, line: UInt = #line) {
        for (path, data) in tree(output) {
            let name = (path as NSString).lastPathComponent
            if name.hasPrefix(".tmp-") {
                if !killed { XCTFail("temporary file \(path) left in the output", file: file, line: line) }
                continue
            }
            if path.hasSuffix(".html") {
                XCTAssertTrue(String(decoding: data, as: UTF8.self).hasSuffix("</html>\n"), "\(path) is cut short", file: file, line: line)
            } else if path.hasSuffix(".png") {
                XCTAssertEqual(Array(data.suffix(8)), [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82], "\(path) is cut short", file: file, line: line)
            } else if path.hasPrefix("data/"), path.hasSuffix(".json") {
                XCTAssertNotNil(try? JSONSerialization.jsonObject(with: data), "\(path) does not parse", file: file, line: line)
            }
        }
    }

    /// The measurements of every entry, without the wall-clock `seconds` series, bit for bit.
    func measurements(_ cache: String) -> [String: [String: [UInt64]]] {
        let store = ResultCache(directory: root.appendingPathComponent(cache))
        var all: [String: [String: [UInt64]]] = [:]
        for key in assertCacheIntact(cache) {
            guard case .hit(let r) = store.lookup(key) else { continue }
            var m: [String: [UInt64]] = [:]
            for (name, s) in r.measurements.series where name != "seconds" { m[name] = s.map(\.bitPattern) }
            for (name, v) in r.measurements.scalars { m["scalar:" + name] = [v.bitPattern] }
            all[key] = m
        }
        return all
    }

    /// Waits until the log at `log` contains `marker` (or the process ends); false on timeout.
    func wait(for marker: String, in log: String, process: Process, timeout: TimeInterval = 60) -> Bool {
        let url = root.appendingPathComponent(log)
        let end = Date().addingTimeInterval(timeout)
        while Date() < end && process.isRunning {
            if let text = try? String(contentsOf: url, encoding: .utf8), text.contains(marker) { return true }
            usleep(2_000)
        }
        return false
    }

    // MARK: - Tests

    func testKilledBuildsLeaveNoCorruptionAndTheNextBuildFinishes() throws {
        // An uninterrupted build: the reference results.
        let (status, _) = try build(output: "ReferenceOutput", cache: "reference-cache")
        XCTAssertEqual(status, 0)
        let reference = measurements("reference-cache")
        XCTAssertEqual(reference.count, 16)

        // Kill points: fixed delays after the start (parsing, planning, training or writing,
        // depending on the machine), and delays after the training stage has begun.
        // `marker` is a line of the build's log after which the delay starts (nil: the start).
        struct KillPoint { var signal: Int32; var delay: Double; var marker: String?; var afterTrainingStarts: Bool { marker == "runs to train" } }
        var points: [KillPoint] = []
        for signal in [SIGINT, SIGKILL] {
            for delay in [0.01, 0.15, 0.4] { points.append(KillPoint(signal: signal, delay: delay, marker: nil)) }
            for delay in [0.0, 0.05, 0.2] { points.append(KillPoint(signal: signal, delay: delay, marker: "runs to train")) }
            for delay in [0.0, 0.01] { points.append(KillPoint(signal: signal, delay: delay, marker: "render pages")) }
            points.append(KillPoint(signal: signal, delay: 0, marker: "write output"))
        }
        var killedWhileRunning = 0
        for (i, point) in points.enumerated() {
            // Each round starts from an empty cache for the "during training" points, so that
            // training is really under way when the signal arrives; output is kept between rounds.
            if point.afterTrainingStarts { try? FileManager.default.removeItem(at: root.appendingPathComponent("cache")) }
            let log = "kill-\(i).txt"
            let p = try start(output: "Output", cache: "cache", log: log)
            if let marker = point.marker {
                XCTAssertTrue(wait(for: marker, in: log, process: p), "round \(i): '\(marker)' never came")
            }
            usleep(useconds_t(point.delay * 1_000_000))
            if p.isRunning {
                killedWhileRunning += 1
                kill(p.processIdentifier, point.signal)
            }
            p.waitUntilExit()
            assertCacheIntact("cache")
            assertOutputComplete("Output", killed: true)
        }
        XCTAssertGreaterThanOrEqual(killedWhileRunning, 10, "most kills must land while the build runs")

        // The next build finishes the work ...
        let (final, text) = try build(output: "Output", cache: "cache")
        XCTAssertEqual(final, 0, text)
        assertOutputComplete("Output")
        // ... its results equal the uninterrupted build's bit for bit (wall-clock time aside) ...
        XCTAssertEqual(measurements("cache"), reference)
        // ... and its output equals, byte for byte, an uninterrupted build from the same results.
        let (fresh, _) = try build(output: "FreshOutput", cache: "cache")
        XCTAssertEqual(fresh, 0)
        let a = tree("Output"), b = tree("FreshOutput")
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        for (path, data) in b { XCTAssertEqual(a[path], data, "\(path) differs from an uninterrupted build") }
    }

    /// The run names a build's log says it trained (`  done   NAME (… s) [i/n]`).
    func trainedNames(_ log: String) -> [String] {
        log.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  done   "), let paren = line.range(of: " (", options: .backwards) else { return nil }
            return String(line[line.index(line.startIndex, offsetBy: 9)..<paren.lowerBound])
        }
    }

    func testTwoBuildsAtOnceShareTheWorkAndNeverTrainARunTwice() throws {
        let first = try start(output: "Output", cache: "cache", log: "first.txt")
        let second = try start(output: "Output2", cache: "cache", log: "second.txt")
        first.waitUntilExit()
        second.waitUntilExit()
        let logs = ["first.txt", "second.txt"].map { (try? String(contentsOf: root.appendingPathComponent($0), encoding: .utf8)) ?? "" }
        XCTAssertEqual(first.terminationStatus, 0, logs[0])
        XCTAssertEqual(second.terminationStatus, 0, logs[1])
        // Between them the two builds trained every run exactly once.
        let a = trainedNames(logs[0]), b = trainedNames(logs[1])
        XCTAssertEqual(a.count + b.count, 16, "\(logs)")
        XCTAssertTrue(Set(a).isDisjoint(with: b), "a run was trained by both builds: \(Set(a).intersection(b))")
        XCTAssertEqual(assertCacheIntact("cache").count, 16)
        // Both outputs are complete and equal to a build from the finished cache.
        assertOutputComplete("Output")
        assertOutputComplete("Output2")
        let (fresh, _) = try build(output: "FreshOutput", cache: "cache")
        XCTAssertEqual(fresh, 0)
        let reference = tree("FreshOutput")
        for output in ["Output", "Output2"] {
            let built = tree(output)
            XCTAssertEqual(Set(built.keys), Set(reference.keys))
            for (path, data) in reference { XCTAssertEqual(built[path], data, "\(output)/\(path) differs after two concurrent builds") }
        }
    }

    func testAClaimHeldByAKilledBuildIsTakenOverByTheNext() throws {
        let p = try start(output: "Output", cache: "cache", log: "killed.txt")
        XCTAssertTrue(wait(for: "  start  ", in: "killed.txt", process: p), "training never started")
        let claims = root.appendingPathComponent("cache/claims")
        let held = (try? FileManager.default.contentsOfDirectory(atPath: claims.path)) ?? []
        kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        XCTAssertFalse(held.isEmpty, "the build held no claim while training")
        // The kernel released the dead build's locks: every leftover claim can be taken at once.
        for name in (try? FileManager.default.contentsOfDirectory(atPath: claims.path)) ?? [] {
            let claim = try RunClaim.tryClaim(String(name.dropLast(6)), in: root.appendingPathComponent("cache"))
            XCTAssertNotNil(claim, "\(name) is still held after its build was killed")
        }
        let (status, text) = try build(output: "Output", cache: "cache")
        XCTAssertEqual(status, 0, text)
        XCTAssertEqual(assertCacheIntact("cache").count, 16)
        XCTAssertFalse(text.contains("  wait   "), "the next build waited for a dead claimant: \(text)")
    }

    /// Writes IDX files for `mnist` into `data/`: `count` images and labels per split, the training
    /// images cut after `trainImagesPresent` images (the header still promises `count`).
    func writeIDX(count: Int, trainImagesPresent: Int) throws -> URL {
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        for (split, present) in [("train", trainImagesPresent), ("t10k", count)] {
            let images = [0, 0, 8, 3] + be(count) + be(28) + be(28) + Array(repeating: UInt8(7), count: present * 784)
            try Data(images).write(to: data.appendingPathComponent("\(split)-images-idx3-ubyte"))
            let labels = [0, 0, 8, 1] + be(count) + (0..<count).map { UInt8($0 % 10) }
            try Data(labels).write(to: data.appendingPathComponent("\(split)-labels-idx1-ubyte"))
        }
        return data
    }

    /// A chapter reading a data set from `directory` follows the fixture chapter.
    func addDataChapter(_ directory: URL) throws {
        let chapter = "# Data\n\n```experiment\nid: idx\ndata: {set: mnist, directory: \(directory.path), train: 50, test: 10}\nmodel: {mlp: [4]}\nepochs: 1\n```\n"
        try Data(chapter.utf8).write(to: root.appendingPathComponent("Chapters/02-idx.md"))
    }

    /// Builds, then breaks the data; the second build must fail with `expected` and keep every
    /// figure and data file of the first build, and the other chapter's page, as they were.
    func assertDataErrorKeepsOutput(_ expected: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let (broken, text) = try build(output: "Output", cache: "cache")
        XCTAssertEqual(broken, 1, text, file: file, line: line)
        XCTAssertTrue(text.contains(expected), "expected \(expected) in\n\(text)", file: file, line: line)
        assertOutputComplete("Output", file: file, line: line)
        XCTAssertNotNil(tree("Output")["02-idx.html"], "the broken chapter's page is written", file: file, line: line)
    }

    func testTruncatedIDXFileGivesAClearError() throws {
        let (status, _) = try build(output: "Output", cache: "cache")
        XCTAssertEqual(status, 0)
        let before = tree("Output")
        try addDataChapter(try writeIDX(count: 100, trainImagesPresent: 3))
        try assertDataErrorKeepsOutput("Chapters/02-idx.md:3:1: ")
        let after = tree("Output")
        XCTAssertTrue(String(decoding: try XCTUnwrap(after["index.html"]), as: UTF8.self).contains("02-idx.html"))
        for (path, data) in before where path.hasPrefix("figures/") || path.hasPrefix("data/") || path.hasPrefix("assets/") {
            XCTAssertEqual(after[path], data, "\(path) is kept as it was")
        }
        let log = try build(output: "Output", cache: "cache").1
        XCTAssertTrue(log.contains("train-images-idx3-ubyte"), "the error names the file: \(log)")
    }

    func testMissingDataFileGivesAClearError() throws {
        let data = try writeIDX(count: 20, trainImagesPresent: 20)
        try FileManager.default.removeItem(at: data.appendingPathComponent("t10k-images-idx3-ubyte"))
        try addDataChapter(data)
        try assertDataErrorKeepsOutput("Chapters/02-idx.md:3:1: experiment 'idx' cannot be planned: cannot read \(data.path)/t10k-images-idx3-ubyte")
        XCTAssertTrue(tree("Output")["01-int.html"] != nil, "the other chapter is built")
    }

    /// A write failure (here: a file where the figures folder must go) fails the build with a clear
    /// error and leaves every file of the output folder as it was.
    func testWriteFailureLeavesOutputAsItWas() throws {
        let (status, _) = try build(output: "Output", cache: "cache")
        XCTAssertEqual(status, 0)
        let figures = root.appendingPathComponent("Output/figures")
        try FileManager.default.removeItem(at: figures)
        try Data("in the way".utf8).write(to: figures)
        // Change the prose so that every page would change.
        try Data(Self.chapter.replacingOccurrences(of: "Prose before", with: "Changed prose before").utf8)
            .write(to: root.appendingPathComponent("Chapters/01-int.md"))
        let before = tree("Output")
        let (failed, text) = try build(output: "Output", cache: "cache")
        XCTAssertEqual(failed, 1, text)
        XCTAssertTrue(text.contains("write output"), text)
        XCTAssertEqual(tree("Output"), before, "the output folder is left exactly as it was")
    }
}
