import XCTest
@testable import Book

/// `kind: expressivity` against Theorem 1's promises: 2n + d weights and an exact fit.
final class KindExpressivityTests: XCTestCase {
    func testFitsRandomTargetsExactlyWithTwoNPlusDWeights() throws {
        let kind = ExpressivityExperiment()
        for (n, d) in [(50, 3), (300, 20)] {
            let spec = try kindSpec(kind, "n: \(n)\nd: \(d)\ncurve: 100")
            let m = try kind.run(spec, seed: 7, context: RunContext())
            XCTAssertEqual(m.scalars["weights"], Double(2 * n + d))
            XCTAssertLessThan(m.scalars["max-error"]!, 1e-6, "n = \(n), d = \(d)")
            XCTAssertEqual(m.scalars["exact-fit"], 1)
            // The curve passes through every target: at sample points network == target (1e-6).
            let z = m.series["z"]!, net = m.series["network"]!, target = m.series["target"]!
            XCTAssertEqual(z.count, 100 + n)
            XCTAssertEqual(zip(z, z.dropFirst()).allSatisfy { $0 <= $1 }, true, "z is sorted")
            let samples = target.indices.filter { target[$0].isFinite }
            XCTAssertEqual(samples.count, n)
            for i in samples { XCTAssertEqual(net[i], target[i], accuracy: 1e-6) }
        }
    }

    func testLabelTargetsAreIntegersZeroToNine() throws {
        let kind = ExpressivityExperiment()
        let m = try kind.run(try kindSpec(kind, "n: 40\nd: 5\ntargets: labels"), seed: 1, context: RunContext())
        XCTAssertLessThanOrEqual(m.scalars["max-target"]!, 9)
        XCTAssertLessThan(m.scalars["max-error"]!, 1e-6)
    }

    func testTooLargeProblemIsRefused() {
        XCTAssertThrowsError(try kindSpec(ExpressivityExperiment(), "n: 20000\nd: 4096"))
    }
}
