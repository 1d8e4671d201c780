import XCTest
@testable import Probes

final class FiniteSampleExpressivityTests: XCTestCase {
    /// Random points and random real targets: fitted to 1e-6 with exactly 2n + d weights, and the
    /// network's per-point evaluation (a loop over hidden units) agrees with the BLAS evaluation.
    func testFitsRandomTargetsWithTwoNPlusDWeights() throws {
        var rng = TestGenerator(seed: 7)
        for (n, d) in [(1, 1), (2, 3), (10, 1), (50, 5), (300, 20), (1000, 10), (1500, 3)] {
            let x = rng.uniforms(n * d)
            let y = rng.uniforms(n, -10...10)
            let net = try FiniteSampleExpressivity(inputs: x, dimension: d, targets: y, rng: &rng)
            XCTAssertEqual(net.weightCount, 2 * n + d, "n = \(n), d = \(d)")
            let error = try net.maxAbsoluteError(inputs: x, targets: y)
            XCTAssertLessThan(error, 1e-6, "n = \(n), d = \(d)")
            // Independent evaluation: the closed-form sum, point by point, in Float64.
            for i in stride(from: 0, to: n, by: max(1, n / 17)) {
                let point = Array(x[i * d ..< (i + 1) * d])
                var z = 0.0
                for k in 0..<d { z += net.projection[k] * point[k] }
                var f = 0.0
                for j in 0..<n where z > net.biases[j] { f += net.outputWeights[j] * (z - net.biases[j]) }
                XCTAssertEqual(f, y[i], accuracy: 1e-6)
                XCTAssertEqual(net(point), f, accuracy: 1e-9)
            }
        }
    }

    /// The biases interleave the sorted projections, so the triangular system is well posed.
    func testBiasesInterleaveSortedProjections() throws {
        var rng = TestGenerator(seed: 3)
        let n = 40, d = 4
        let x = rng.uniforms(n * d)
        let net = try FiniteSampleExpressivity(inputs: x, dimension: d, targets: rng.uniforms(n), rng: &rng)
        let z = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + net.projection[$1] * x[i * d + $1] } }.sorted()
        for i in 0..<n {
            XCTAssertLessThan(net.biases[i], z[i])
            if i > 0 { XCTAssertGreaterThan(net.biases[i], z[i - 1]) }
        }
    }

    func testDuplicatePointsAndBadShapesThrow() {
        var rng = TestGenerator(seed: 1)
        XCTAssertThrowsError(try FiniteSampleExpressivity(inputs: [1, 2, 1, 2], dimension: 2, targets: [0, 1], rng: &rng))
        XCTAssertThrowsError(try FiniteSampleExpressivity(inputs: [1, 2, 3], dimension: 2, targets: [0, 1], rng: &rng))
        XCTAssertThrowsError(try FiniteSampleExpressivity(inputs: [], dimension: 2, targets: [], rng: &rng))
        XCTAssertThrowsError(try FiniteSampleExpressivity(inputs: [1, .nan], dimension: 2, targets: [0], rng: &rng))
    }
}
