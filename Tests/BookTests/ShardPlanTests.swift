import XCTest
@testable import Book

/// LPT shards: a hand-worked case, every run placed once, and Graham's 4/3 bound against the best
/// split found by trying every assignment.
final class ShardPlanTests: XCTestCase {
    private func items(_ seconds: [Double]) -> [ShardPlan.Item] {
        seconds.enumerated().map { ShardPlan.Item(key: String(format: "k%02d", $0.offset), seconds: $0.element) }
    }

    func testHandWorkedCase() {
        // 7→A, 5→B, 4→B (9), 3→A (10), 3→B (12), 2→A (12).
        let plan = ShardPlan(items([3, 7, 2, 5, 3, 4]), count: 2)
        XCTAssertEqual(plan.shards.map { $0.map(\.seconds) }, [[7, 3, 2], [5, 4, 3]])
        XCTAssertEqual(plan.loads, [12, 12])
        // Equal costs are taken in key order: k00 (3) goes before k04 (3).
        XCTAssertEqual(plan.shards[0][1].key, "k00")
        XCTAssertEqual(plan.shards[1][2].key, "k04")
    }

    func testMoreShardsThanRunsLeavesSomeEmpty() {
        let plan = ShardPlan(items([1, 2]), count: 4)
        XCTAssertEqual(plan.shards.map(\.count), [1, 1, 0, 0])
        XCTAssertEqual(plan.shards[0][0].seconds, 2)
    }

    func testWithinGrahamBoundOfTheBestSplit() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let count = Int.random(in: 2...3, using: &generator)
            let seconds = (0..<Int.random(in: 1...8, using: &generator)).map { _ in Double(Int.random(in: 1...20, using: &generator)) }
            let plan = ShardPlan(items(seconds), count: count)
            XCTAssertEqual(plan.shards.flatMap { $0.map(\.key) }.sorted(), items(seconds).map(\.key), "every run exactly once")
            // The best longest shard, by trying all count^n assignments.
            var best = Double.infinity
            let total = Int(pow(Double(count), Double(seconds.count)))
            for code in 0..<total {
                var loads = Array(repeating: 0.0, count: count), c = code
                for s in seconds { loads[c % count] += s; c /= count }
                best = min(best, loads.max()!)
            }
            XCTAssertLessThanOrEqual(plan.loads.max()!, best * (4.0 / 3.0 - 1.0 / (3.0 * Double(count))) + 1e-9, "\(seconds) in \(count)")
        }
    }

    func testShardArgument() throws {
        XCTAssertEqual(try Shard(parsing: "3/8"), try Shard(index: 3, count: 8))
        XCTAssertThrowsError(try Shard(parsing: "8/8")) { XCTAssertTrue("\($0)".contains("between 0 and 7")) }
        XCTAssertThrowsError(try Shard(parsing: "1-4")) { XCTAssertTrue("\($0)".contains("write I/N")) }
        XCTAssertThrowsError(try Shard(parsing: "0/0"))
    }
}
