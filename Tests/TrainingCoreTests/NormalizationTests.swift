import XCTest
@testable import TrainingCore

final class NormalizationTests: XCTestCase {
    func testBatchNormTrainingNormalizesEachChannel() throws {
        var rng = SeededGenerator(seed: 2)
        let bn = try BatchNorm(shape: [2, 2, 2])
        let model = try Model(layers: [bn], inputShape: [2, 2, 2], rng: &rng)
        let x = try Tensor(shape: [3, 2, 2, 2], scalars: (0..<24).map { _ in rng.normal(mean: 3, standardDeviation: 2) })
        let y = try model.forward(x, training: true)
        for c in 0..<2 {
            let values = (0..<3).flatMap { n in (0..<4).map { y.scalars[(n * 2 + c) * 4 + $0] } }
            let mean = values.reduce(0, +) / 12
            let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 12
            XCTAssertEqual(mean, 0, accuracy: 1e-5)
            XCTAssertEqual(variance, 1, accuracy: 1e-3)   // ε = 1e-5 shrinks it slightly
        }
        // Running statistics moved 10% of the way from (0, 1) toward the batch's.
        XCTAssertEqual(bn.runningMean[0], 0.1 * batchMean(x, channel: 0), accuracy: 1e-5)
    }

    func batchMean(_ x: Tensor, channel c: Int) -> Float {
        (0..<3).flatMap { n in (0..<4).map { x.scalars[(n * 2 + c) * 4 + $0] } }.reduce(0, +) / 12
    }

    func testBatchNormBackwardInBothModes() throws {
        let check = GradientCheck()
        check.check(layer: try BatchNorm(shape: [3]), batch: 5, training: true)
        check.check(layer: try BatchNorm(shape: [2, 2, 3]), batch: 3, training: true)
        check.check(layer: try BatchNorm(shape: [2, 2, 3]), batch: 3, training: false, warmUp: true)
    }

    func testDropoutTrainingScalesKeptValuesAndEvaluationIsIdentity() throws {
        var rng = SeededGenerator(seed: 5)
        let dropout = try Dropout(rate: 0.25, shape: [1000])
        let model = try Model(layers: [dropout], inputShape: [1000], rng: &rng)
        let x = try Tensor(shape: [4, 1000], repeating: 1)
        let y = try model.forward(x, training: true)
        let kept = y.scalars.filter { $0 != 0 }
        XCTAssertTrue(kept.allSatisfy { abs($0 - 4 / 3) < 1e-6 })
        // 4000 Bernoulli(0.75) draws: sd of the kept fraction ≈ 0.0068.
        XCTAssertEqual(Double(kept.count) / 4000, 0.75, accuracy: 0.03)
        XCTAssertEqual(try model.forward(x, training: false), x)
        XCTAssertThrowsError(try Dropout(rate: 1, shape: [3]))
    }

    func testDropoutBackwardInBothModes() throws {
        let check = GradientCheck()
        let dropout = try Dropout(rate: 0.5, shape: [6])
        check.check(layer: dropout, batch: 3, training: true, afterFirstForward: { dropout.freezeMask = true })
        check.check(layer: try Dropout(rate: 0.5, shape: [6]), batch: 3, training: false)
    }

    func testResidualBlockBackward() throws {
        let body: [any Layer] = [
            try Conv2D(inputShape: [2, 4, 4], outputChannels: 3, kernelSize: 3, stride: 2, padding: 1, activation: .tanh),
            try BatchNorm(shape: [3, 2, 2]),
            try Conv2D(inputShape: [3, 2, 2], outputChannels: 3, kernelSize: 3, padding: 1),
        ]
        let shortcut: [any Layer] = [try Conv2D(inputShape: [2, 4, 4], outputChannels: 3, kernelSize: 1, stride: 2)]
        let check = GradientCheck()
        check.check(layer: try ResidualBlock(body: body, shortcut: shortcut, activation: .tanh), batch: 2)
        let identity = try ResidualBlock(body: [Dense(inputSize: 4, outputSize: 4, activation: .tanh, weightInitializer: .glorot)],
                                         activation: .sigmoid)
        check.check(layer: identity, batch: 3)
        XCTAssertThrowsError(try ResidualBlock(body: [Dense(inputSize: 4, outputSize: 3)]))
    }
}
