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

    /// The unfused momentum step (the update the experiment kinds train with) equals the plain
    /// per-element loop bit for bit (`v ← μv + g; w ← w − ηv`, Float32, same operation order).
    func testUnfusedMomentumStepMatchesThePlainLoopExactly() {
        let count = 11
        let optimizer = Optimizer(.sgd(.init(learningRate: 0, momentum: 0.9)), parameterCount: count, allowFusion: false)
        var w = (0..<count).map { Float(cos(Double($0))) }, v = [Float](repeating: 0, count: count)
        var expected = w
        for step in 0..<3 {
            var g: [Float] = (0..<count).map { k in Float(sin(Double(k * 7 + step))) }
            optimizer.step(parameters: &w, gradients: &g, learningRate: 0.03)
            for k in expected.indices { v[k] = 0.9 * v[k] + g[k]; expected[k] -= Float(0.03) * v[k] }
            XCTAssertEqual(w, expected)
        }
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

final class FusedMomentumTests: XCTestCase {
    /// The fused path (velocity written by the GEMM, `w ← w + u`) must follow the textbook update
    /// `v ← μv + g + λw; w ← w − lr·v` step for step, including across a learning-rate change.
    /// Tolerance: 1e-5 relative (Float32 rounding differs between the two orders of operations).
    func testFusedSGDMatchesReferenceUpdate() throws {
        let data = Fixtures.blobs(n: 16)
        let config = OptimizerConfig.sgd(.init(learningRate: 0.05, momentum: 0.9, weightDecay: 0.01))
        var rngA = SeededGenerator(seed: 4), rngB = SeededGenerator(seed: 4)
        let fusedModel = try Model(architecture: .mlp(hidden: [8]), inputShape: [4], classes: 3, rng: &rngA)
        let referenceModel = try Model(architecture: .mlp(hidden: [8]), inputShape: [4], classes: 3, rng: &rngB)
        let fused = Optimizer(config, parameterCount: fusedModel.parameterCount)
        let reference = Optimizer(config, parameterCount: referenceModel.parameterCount)
        XCTAssertTrue(fused.isFused)
        for step in 0..<12 {
            let lr = step < 6 ? 0.05 : 0.02
            // Fused.
            fusedModel.reserve(batch: 16)
            data.gather(Array(0..<16)[...], inputs: fusedModel.inputPointer, labels: fusedModel.labelBuffer!)
            fusedModel.forwardWorkspace(batch: 16, training: true)
            _ = Loss.crossEntropy.evaluate(logits: fusedModel.logitsPointer, labels: fusedModel.labelBuffer!,
                                           batch: 16, classes: 3, gradient: fusedModel.logitGradientPointer)
            let (target, blend) = fused.gradientTarget(model: fusedModel, learningRate: lr)
            fusedModel.bindGradients(to: target)
            fusedModel.backwardWorkspace(batch: 16, blend: blend, inputGradient: false)
            fused.step(model: fusedModel, learningRate: lr, nextLearningRate: step + 1 < 6 ? 0.05 : 0.02)
            fusedModel.bindGradients(to: nil)
            // Reference.
            let logits = try referenceModel.forward(data.inputs, training: true)
            referenceModel.zeroGradients()
            _ = try referenceModel.backward(try Loss.crossEntropy.gradient(logits: logits, labels: data.labels))
            reference.step(parameters: referenceModel.parameters.pointer,
                           gradients: referenceModel.gradients.pointer, learningRate: lr)
        }
        for (a, b) in zip(fusedModel.flatParameters(), referenceModel.flatParameters()) {
            XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(b)))
        }
        XCTAssertNotEqual(fusedModel.flatParameters(), try Model(architecture: .mlp(hidden: [8]), inputShape: [4],
                                                                 classes: 3, rng: &rngA).flatParameters())
    }
}
