import Foundation
import XCTest
@testable import Book

/// Per-run claims: exclusive while held, free again after release, and recognisable as stale.
final class RunClaimTests: XCTestCase {
    var cache: URL!

    override func setUpWithError() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-claims-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: cache)
    }

    func testAClaimIsExclusiveUntilReleased() throws {
        let first = try XCTUnwrap(try RunClaim.tryClaim("k1", in: cache))
        XCTAssertNil(try RunClaim.tryClaim("k1", in: cache), "a held claim was granted twice")
        XCTAssertNotNil(try RunClaim.tryClaim("k2", in: cache), "claims on other keys must not interfere")
        let holder = try XCTUnwrap(RunClaim.holder(of: "k1", in: cache))
        XCTAssertTrue(holder.hasPrefix("pid \(getpid()) on "), holder)
        first.release()
        XCTAssertFalse(FileManager.default.fileExists(atPath: RunClaim.url(for: "k1", in: cache).path), "release leaves the claim file")
        XCTAssertNotNil(try RunClaim.tryClaim("k1", in: cache))
    }

    func testAWaiterGetsTheClaimWhenItIsReleased() throws {
        let held = try XCTUnwrap(try RunClaim.tryClaim("k", in: cache))
        let got = expectation(description: "the waiter takes the claim")
        let order = OrderLog()
        Thread.detachNewThread { [cache] in
            let claim = try? RunClaim.claim("k", in: cache!)
            order.append("waiter")
            XCTAssertNotNil(claim)
            claim?.release()
            got.fulfill()
        }
        usleep(200_000)
        order.append("release")
        held.release()
        wait(for: [got], timeout: 10)
        XCTAssertEqual(order.items, ["release", "waiter"], "the waiter must not get a claim that is still held")
    }

    func testManyThreadsRacingForOneKeyHoldItOneAtATime() throws {
        let inside = OrderLog()
        let group = DispatchGroup()
        for i in 0..<8 {
            group.enter()
            Thread.detachNewThread { [cache] in
                for _ in 0..<20 {
                    guard let claim = try? RunClaim.claim("shared", in: cache!) else { continue }
                    inside.append("enter \(i)")
                    usleep(200)
                    inside.append("leave \(i)")
                    claim.release()
                }
                group.leave()
            }
        }
        XCTAssertEqual(group.wait(timeout: .now() + 60), .success)
        // Enter and leave alternate, each leave by the thread that entered: never two holders.
        let items = inside.items
        XCTAssertEqual(items.count, 8 * 20 * 2)
        for pair in stride(from: 0, to: items.count, by: 2) {
            XCTAssertEqual(items[pair].replacingOccurrences(of: "enter", with: "leave"), items[pair + 1], "overlapping claims at \(pair)")
        }
    }

    func testStaleClaimFilesAreRemovedButHeldOnesAreKept() throws {
        let folder = cache.appendingPathComponent("claims")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // A file left by a process that ended (nobody holds a lock on it).
        try Data("999999 gone 0\n".utf8).write(to: folder.appendingPathComponent("dead.claim"))
        let live = try XCTUnwrap(try RunClaim.tryClaim("live", in: cache))
        XCTAssertEqual(RunClaim.removeStale(in: cache), 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["live.claim"])
        live.release()
    }
}

/// A list appended to from several threads.
private final class OrderLog: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ s: String) { lock.lock(); storage.append(s); lock.unlock() }
    var items: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}

/// The progress line's time remaining and width.
final class ProgressDisplayTests: XCTestCase {
    func testTheEstimateUsesEachExperimentsOwnCost() {
        let log = BuildLog(capture: { _, _ in })
        // Two experiments: "slow" known from the cache at 100 s a run, "fast" at 1 s.
        let runs = [("slow[1]", "slow"), ("slow[2]", "slow"), ("fast[1]", "fast"), ("fast[2]", "fast")].map { (name: $0.0, experiment: $0.1) }
        let display = ProgressDisplay(runs: runs, jobs: 1, history: ["slow": [100, 100], "fast": [1]], log: log)
        XCTAssertEqual(display.remaining, "3 min 22 s", "2 × 100 s + 2 × 1 s")
        display.finished("fast[1]", seconds: 3)   // this build's own time wins over the cache's
        XCTAssertEqual(display.remaining, "3 min 23 s", "2 × 100 s + 3 s")
        display.finished("slow[1]", seconds: 50)
        XCTAssertEqual(display.remaining, "53 s")
        let two = ProgressDisplay(runs: runs, jobs: 2, history: ["slow": [100], "fast": [1]], log: log)
        XCTAssertEqual(two.remaining, "1 min 41 s", "two at a time")
        let unknown = ProgressDisplay(runs: runs, jobs: 1, history: [:], log: log)
        XCTAssertEqual(unknown.remaining, "?")
        unknown.finished("fast[1]", seconds: 2)
        XCTAssertEqual(unknown.remaining, "6 s", "an experiment with no time yet is costed at the mean so far")
    }

    func testTheStatusLineFitsTheTerminal() {
        let line = String(repeating: "x", count: 300)
        XCTAssertEqual(ProgressDisplay.fitted(line, width: 80).count, 79)
        XCTAssertTrue(ProgressDisplay.fitted(line, width: 80).hasSuffix("…"))
        XCTAssertEqual(ProgressDisplay.fitted("short", width: 80), "short")
    }
}
