import XCTest
@testable import Probes

/// `AdjustedOverfit` against a hand-computed case and against direct counting on an enumerated
/// population of clean and corrupt examples.
final class AdjustedOverfitTests: XCTestCase {
    func testHandComputedCase() throws {
        // q = 0.5, K = 4, a = 0.8: E = 0.5·0.8 + 0.5·0.2/3 = 0.4 + 0.0333… = 0.4333…; 0.6 − E = 0.1666….
        XCTAssertEqual(try AdjustedOverfit.nonMemorizingTrainAccuracy(testAccuracy: 0.8, corruptShare: 0.5, classes: 4),
                       0.4 + 0.1 / 3, accuracy: 1e-12)
        XCTAssertEqual(try AdjustedOverfit.measure(trainAccuracy: 0.6, testAccuracy: 0.8, corruptShare: 0.5, classes: 4),
                       0.2 - 0.1 / 3, accuracy: 1e-12)
        // No noise: the plain gap. A perfect memorizer at q = 0.5, K = 2, a = 1: E = 0.5, adjusted 0.5.
        XCTAssertEqual(try AdjustedOverfit.measure(trainAccuracy: 0.95, testAccuracy: 0.9, corruptShare: 0, classes: 10), 0.05, accuracy: 1e-12)
        XCTAssertEqual(try AdjustedOverfit.measure(trainAccuracy: 1, testAccuracy: 1, corruptShare: 0.5, classes: 2), 0.5, accuracy: 1e-12)
    }

    /// A non-memorizing classifier built explicitly: every example's prediction is its true class
    /// or the next class (equal counts, so a = 1/2), independent of its training label; corrupt
    /// examples carry each of the K − 1 wrong labels equally often. Its training accuracy, counted
    /// example by example, must equal E, so its adjusted overfit is 0 (exact up to rounding).
    func testNonMemorizingClassifierHasZeroAdjustedOverfit() throws {
        let k = 4
        for cleanCopies in [0, 1, 3, 6] {
            var hits = 0, total = 0, corrupt = 0
            for truth in 0..<k {
                for prediction in [truth, (truth + 1) % k] {
                    for _ in 0..<(cleanCopies * (k - 1)) { total += 1; if prediction == truth { hits += 1 } }
                    for shift in 1..<k {                       // one corrupt example per wrong label
                        let label = (truth + shift) % k
                        total += 1; corrupt += 1
                        if prediction == label { hits += 1 }
                    }
                }
            }
            let q = Double(corrupt) / Double(total)
            let trainAccuracy = Double(hits) / Double(total)
            XCTAssertEqual(try AdjustedOverfit.measure(trainAccuracy: trainAccuracy, testAccuracy: 0.5, corruptShare: q, classes: k),
                           0, accuracy: 1e-12, "clean copies \(cleanCopies)")
        }
    }

    func testOutOfRangeInputsThrow() {
        XCTAssertThrowsError(try AdjustedOverfit.measure(trainAccuracy: 0.5, testAccuracy: 0.5, corruptShare: 0.5, classes: 1))
        XCTAssertThrowsError(try AdjustedOverfit.measure(trainAccuracy: 1.5, testAccuracy: 0.5, corruptShare: 0.5, classes: 4))
        XCTAssertThrowsError(try AdjustedOverfit.measure(trainAccuracy: 0.5, testAccuracy: .nan, corruptShare: 0.5, classes: 4))
        XCTAssertThrowsError(try AdjustedOverfit.measure(trainAccuracy: 0.5, testAccuracy: 0.5, corruptShare: -0.1, classes: 4))
    }
}
