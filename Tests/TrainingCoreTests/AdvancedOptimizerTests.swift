import XCTest
@testable import TrainingCore

final class AdvancedOptimizerTests: XCTestCase {
    let data = Fixtures.blobs(n: 12)

    /// A model and a training step for `config` on the first `b` examples, loaded into the workspace.
    func setUp(_ config: OptimizerConfig, seed: UInt64 = 1, b: Int = 12) throws -> (Model, TrainingStep) {
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: [5], activation: .tanh), inputShape: [4], classes: 3, rng: &rng)
        let step = try TrainingStep(model: model, config: config, loss: .crossEntropy, trainingSetSize: 100, batchCapacity: b)
        model.reserve(batch: b)
        data.gather(Array(0..<b)[...], inputs: model.inputPointer, labels: model.labelBuffer!)
        return (model, step)
    }

    func testSAMStepUsesTheGradientAtThePerturbedPoint() throws {
        let base = OptimizerConfig.SGD(learningRate: 0.1)
        let (model, step) = try setUp(.sam(.init(rho: 0.05, base: base)))
        let w = model.flatParameters()
        let g = try model.lossAndGradient(inputs: data.inputs, labels: data.labels, training: true).gradient
        let norm = Float(g.reduce(0.0) { $0 + Double($1 * $1) }.squareRoot())
        try model.setFlatParameters(zip(w, g).map { $0 + 0.05 * $1 / norm })
        let gPerturbed = try model.lossAndGradient(inputs: data.inputs, labels: data.labels, training: true).gradient
        try model.setFlatParameters(w)
        var rng = SeededGenerator(seed: 0)
        _ = step.run(batch: 12, learningRate: 0.1, rng: &rng)
        for (i, value) in model.flatParameters().enumerated() {
            XCTAssertEqual(value, w[i] - 0.1 * gPerturbed[i], accuracy: 1e-5)
        }
    }

    func testSGLDNoiseHasTheLangevinScale() throws {
        // Same start, same gradient; the difference between T = 1 and T = 0 is pure noise with
        // sd √(2·lr·T/n) = √(2·0.1/100) ≈ 0.0447. Over 38 parameters the sample sd is within ≈ 25%.
        let (hot, hotStep) = try setUp(.sgld(.init(learningRate: 0.1, temperature: 1)))
        let (cold, coldStep) = try setUp(.sgld(.init(learningRate: 0.1, temperature: 0)))
        var rng = SeededGenerator(seed: 3)
        _ = hotStep.run(batch: 12, learningRate: 0.1, rng: &rng)
        _ = coldStep.run(batch: 12, learningRate: 0.1, rng: &rng)
        let diff = zip(hot.flatParameters(), cold.flatParameters()).map { Double($0 - $1) }
        let sd = (diff.map { $0 * $0 }.reduce(0, +) / Double(diff.count)).squareRoot()
        XCTAssertEqual(sd, (2 * 0.1 / 100.0).squareRoot(), accuracy: 0.3 * (2 * 0.1 / 100.0).squareRoot())
    }

    func testWinsorizedStepClampsEachCoordinateAtOrderStatistics() throws {
        let base = OptimizerConfig.SGD(learningRate: 0.1)
        for c in [0, 2] {
            let (model, step) = try setUp(.winsorized(.init(base: base, clip: c)))
            let w = model.flatParameters()
            let each = try model.perExampleGradients(inputs: data.inputs, labels: data.labels)
            data.gather(Array(0..<12)[...], inputs: model.inputPointer, labels: model.labelBuffer!)  // reload the batch
            var rng = SeededGenerator(seed: 0)
            _ = step.run(batch: 12, learningRate: 0.1, rng: &rng)
            let after = model.flatParameters()
            for j in 0..<model.parameterCount {
                let sorted = each.map { $0[j] }.sorted()
                let lo = sorted[c], hi = sorted[11 - c]
                let g = each.map { min(max($0[j], lo), hi) }.reduce(0, +) / 12
                XCTAssertEqual(after[j], w[j] - 0.1 * g, accuracy: 1e-5, "c = \(c), coordinate \(j)")
            }
        }
        XCTAssertThrowsError(try setUp(.winsorized(.init(base: base, clip: 6))))
    }

    func testEveryOptimizerTrainsTheBlobs() throws {
        let blobs = Fixtures.blobs(n: 60)
        let sgd = OptimizerConfig.SGD(learningRate: 0.05, momentum: 0.9)
        let configs: [OptimizerConfig] = [
            .sgd(.init(learningRate: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-4)),
            .adam(.init(learningRate: 0.01)),
            .sam(.init(rho: 0.05, base: sgd)),
            .sgld(.init(learningRate: 0.05, temperature: 0.01)),
            .winsorized(.init(base: sgd, clip: 1)),
        ]
        for optimizer in configs {
            let config = TrainingConfig(batchSize: 10, epochs: 15, optimizer: optimizer, schedule: .cosine(epochs: 15), seed: 3)
            let (_, history) = try Trainer.run(architecture: .mlp(hidden: [8]), train: blobs, test: nil, config: config)
            XCTAssertGreaterThanOrEqual(history.final!.trainAccuracy, 0.9, "\(optimizer)")
            XCTAssertLessThan(history.final!.trainLoss, Double(history.steps[0].loss), "\(optimizer)")
        }
    }
}
