import XCTest
@testable import TrainingCore

final class LossTests: XCTestCase {
    /// Softmax cross-entropy in Float64, written independently: log Σ exp z − z_y.
    func referenceCrossEntropy(_ z: [Double], _ y: Int) -> Double {
        let m = z.max()!
        return log(z.map { exp($0 - m) }.reduce(0, +)) + m - z[y]
    }

    func testCrossEntropyValueAndGradientAgainstFloat64FiniteDifferences() throws {
        var rng = SeededGenerator(seed: 7)
        let (n, k) = (4, 5)
        let logits = try Tensor(shape: [n, k], scalars: (0..<n * k).map { _ in rng.normal(standardDeviation: 3) })
        let labels = [0, 4, 2, 2]
        let losses = try Loss.crossEntropy.perExampleLoss(logits: logits, labels: labels)
        let grad = try Loss.crossEntropy.gradient(logits: logits, labels: labels)
        for r in 0..<n {
            let z = (0..<k).map { Double(logits.scalars[r * k + $0]) }
            XCTAssertEqual(Double(losses[r]), referenceCrossEntropy(z, labels[r]), accuracy: 1e-5)
            for j in 0..<k {
                let h = 1e-5
                var up = z, down = z
                up[j] += h; down[j] -= h
                let numeric = (referenceCrossEntropy(up, labels[r]) - referenceCrossEntropy(down, labels[r])) / (2 * h) / Double(n)
                XCTAssertEqual(Double(grad.scalars[r * k + j]), numeric, accuracy: 1e-6)
            }
        }
    }

    func testCrossEntropyIsStableForHugeLogits() throws {
        let logits = try Tensor(shape: [1, 3], scalars: [1000, -1000, 999])
        let loss = try Loss.crossEntropy.meanLoss(logits: logits, labels: [2])
        XCTAssertEqual(Double(loss), log(1 + exp(-1.0)) + 1, accuracy: 1e-4)
        let g = try Loss.crossEntropy.gradient(logits: logits, labels: [2])
        XCTAssertTrue(g.scalars.allSatisfy(\.isFinite))
    }

    func testMeanSquaredErrorAgainstHandComputedCase() throws {
        // z = [0.5, 2], y = 1 ⇒ ((0.5)² + (1)²) / 2 = 0.625; ∂/∂z = (2/2)(z − onehot) = [0.5, 1].
        let logits = try Tensor(shape: [1, 2], scalars: [0.5, 2])
        XCTAssertEqual(try Loss.meanSquaredError.meanLoss(logits: logits, labels: [1]), 0.625)
        XCTAssertEqual(try Loss.meanSquaredError.gradient(logits: logits, labels: [1]).scalars, [0.5, 1])
    }

    func testAccuracyAndMargins() throws {
        let logits = try Tensor(shape: [2, 3], scalars: [1, 3, 2, 0, -1, 4])
        XCTAssertEqual(try Metrics.accuracy(logits: logits, labels: [1, 0]), 0.5)
        XCTAssertEqual(try Metrics.margins(logits: logits, labels: [1, 0]), [1, -4])
        XCTAssertThrowsError(try Metrics.accuracy(logits: logits, labels: [1]))
        XCTAssertThrowsError(try Metrics.accuracy(logits: logits, labels: [1, 3]))
    }
}
