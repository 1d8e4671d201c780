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

/// `kind: expressivity` with `depth:`: Appendix C's network through the kind.
final class KindExpressivityDepthTests: XCTestCase {
    /// Depth 5 on 200 points: four hidden layers of at most 50 + 3 units, an exact fit, and weights
    /// linear in n + d; depth 2 reports Theorem 1's 2n + d.
    func testDepthKNetworkThroughTheKind() throws {
        let kind = ExpressivityExperiment()
        let deep = try kind.run(try kindSpec(kind, "n: 200\nd: 6\ndepth: 5"), seed: 3, context: RunContext())
        XCTAssertEqual(deep.scalars["depth"], 5)
        XCTAssertLessThanOrEqual(deep.scalars["width"]!, 53)
        XCTAssertEqual(deep.scalars["exact-fit"], 1)
        XCTAssertLessThan(deep.scalars["max-error"]!, 1e-6)
        XCTAssertLessThanOrEqual(deep.scalars["weights-per-n-plus-d"]!, 5)
        let shallow = try kind.run(try kindSpec(kind, "n: 200\nd: 6"), seed: 3, context: RunContext())
        XCTAssertEqual(shallow.scalars["weights"], 406)
        XCTAssertEqual(shallow.scalars["width"], 200)
        XCTAssertGreaterThan(deep.scalars["weights"]!, shallow.scalars["weights"]!)
    }

    func testDepthBeyondNPlusOneAndCurveOnDeepNetworksAreRefused() {
        let kind = ExpressivityExperiment()
        XCTAssertThrowsError(try kindSpec(kind, "n: 10\nd: 2\ndepth: 12")) { error in
            XCTAssertTrue("\(error)".contains("depth"), "\(error)")
        }
        XCTAssertThrowsError(try kindSpec(kind, "n: 10\nd: 2\ndepth: 3\ncurve: 50")) { error in
            XCTAssertTrue("\(error)".contains("curve"), "\(error)")
        }
    }
}
