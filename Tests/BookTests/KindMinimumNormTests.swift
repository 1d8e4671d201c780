import XCTest
@testable import Book

/// `kind: min-norm`: SGD from zero reaches the pseudo-inverse solution; other interpolants are longer.
final class KindMinimumNormTests: XCTestCase {
    func testSGDFromZeroFindsTheMinimumNormInterpolant() throws {
        let kind = MinimumNormExperiment()
        let m = try kind.run(try kindSpec(kind, "n: 15\nd: 60\nothers: 10"), seed: 3, context: RunContext())
        XCTAssertLessThan(m.scalars["sgd-distance"]!, 1e-8)          // relative ‖w_SGD − w*‖ / ‖w*‖
        XCTAssertLessThan(m.scalars["sgd-residual"]!, 1e-10)
        XCTAssertGreaterThanOrEqual(m.scalars["other-norm-ratio"]!, 1)
        // From a random start SGD lands on w* + P_null w₀: longer by exactly Pythagoras.
        XCTAssertGreaterThan(m.scalars["random-start-norm"]!, m.scalars["min-norm"]!)
        XCTAssertLessThan(m.scalars["pythagoras-error"]!, 1e-8)
        let gap = m.scalars["random-start-distance"]! * m.scalars["min-norm"]!
        XCTAssertEqual(gap, m.scalars["null-component-norm"]!, accuracy: 1e-8)
        // The convergence curve from zero falls to the solver's precision.
        XCTAssertLessThan(m.series["distance-from-zero-start"]!.last!, 1e-8)
    }

    func testOverDeterminedSystemIsRefused() {
        XCTAssertThrowsError(try kindSpec(MinimumNormExperiment(), "n: 50\nd: 10"))
    }
}
