import XCTest
@testable import TrainingCore

final class OptimizerTests: XCTestCase {
    /// Runs `steps` updates on w = [1, −2] with the constant gradient g = [0.5, 1].
    func run(_ config: OptimizerConfig, steps: Int) -> [Float] {
        let optimizer = Optimizer(config, parameterCount: 2)
        var w: [Float] = [1, -2]
        var g: [Float] = [0.5, 1]
        for _ in 0..<steps { optimizer.step(parameters: &w, gradients: &g, learningRate: config.learningRate) }
        return w
    }

    func testPlainSGDWithWeightDecay() {
        // w − lr (g + λw) = 1 − 0.1 (0.5 + 0.1) = 0.94; −2 − 0.1 (1 − 0.2) = −2.08.
        let w = run(.sgd(.init(learningRate: 0.1, weightDecay: 0.1)), steps: 1)
        XCTAssertEqual(w[0], 0.94, accuracy: 1e-6)
        XCTAssertEqual(w[1], -2.08, accuracy: 1e-6)
    }

    func testMomentumAndNesterovTwoSteps() {
        // Momentum 0.9, lr 0.1, g = 0.5: v₁ = 0.5, v₂ = 0.95 ⇒ w = 1 − 0.1 (0.5 + 0.95) = 0.855.
        XCTAssertEqual(run(.sgd(.init(learningRate: 0.1, momentum: 0.9)), steps: 2)[0], 0.855, accuracy: 1e-6)
        // Nesterov: steps g + μv: 0.5 + 0.45 = 0.95, then 0.5 + 0.855 = 1.355 ⇒ w = 1 − 0.2305 = 0.7695.
        XCTAssertEqual(run(.sgd(.init(learningRate: 0.1, momentum: 0.9, nesterov: true)), steps: 2)[0],
                       0.7695, accuracy: 1e-6)
    }

    func testAdamFirstStepsMoveByTheLearningRate() {
        // With a constant gradient, m̂ = g and v̂ = g², so each step moves by lr·g/(|g| + ε) ≈ lr.
        let w = run(.adam(.init(learningRate: 0.01)), steps: 3)
        XCTAssertEqual(w[0], 1 - 0.03, accuracy: 1e-5)
        XCTAssertEqual(w[1], -2 - 0.03, accuracy: 1e-5)
    }

    func testSchedules() {
        XCTAssertEqual(LearningRateSchedule.constant.factor(epoch: 9), 1)
        XCTAssertEqual(LearningRateSchedule.step(every: 10, factor: 0.1).factor(epoch: 25), 0.01, accuracy: 1e-15)
        XCTAssertEqual(LearningRateSchedule.exponential(factor: 0.95).factor(epoch: 2), 0.9025, accuracy: 1e-15)
        let cosine = LearningRateSchedule.cosine(epochs: 10, minimumFactor: 0.1)
        XCTAssertEqual(cosine.factor(epoch: 0), 1, accuracy: 1e-15)
        XCTAssertEqual(cosine.factor(epoch: 5), 0.55, accuracy: 1e-12)
        XCTAssertEqual(cosine.factor(epoch: 10), 0.1, accuracy: 1e-12)
    }
}
