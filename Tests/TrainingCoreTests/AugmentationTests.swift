import XCTest
@testable import TrainingCore

/// Input noise and adversarial training, the regularizers of Arpit et al. against memorization.
final class AugmentationTests: XCTestCase {
    func testAdversarialStepMovesEachValueByEpsilonAlongItsGradientSign() {
        let a = Augmentation(adversarialEpsilon: 0.25)
        var x: [Float] = [1, 1, 1, -2]
        let g: [Float] = [3, -0.5, 0, 1e-30]
        x.withUnsafeMutableBufferPointer { xp in
            g.withUnsafeBufferPointer { a.adversarialStep(xp.baseAddress!, gradient: $0.baseAddress!, count: 4) }
        }
        XCTAssertEqual(x, [1.25, 0.75, 1, -1.75], "sign, not size, of the gradient; a zero gradient leaves the value")
    }

    func testInputNoiseHasTheStatedSpreadAndDrawsNothingWhenOff() {
        var rng = SeededGenerator(seed: 3)
        var x = [Float](repeating: 0, count: 40_000)
        x.withUnsafeMutableBufferPointer { Augmentation(inputNoise: 0.3).addNoise($0.baseAddress!, count: $0.count, rng: &rng) }
        let mean = x.reduce(0, +) / Float(x.count)
        let std = (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(x.count)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.01, "4σ/√n = 0.006")
        XCTAssertEqual(std, 0.3, accuracy: 0.006, "the sample std of 40,000 normals is within 2%")

        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        var y: [Float] = [1, 2]
        y.withUnsafeMutableBufferPointer { Augmentation().addNoise($0.baseAddress!, count: 2, rng: &a) }
        XCTAssertEqual(y, [1, 2])
        XCTAssertEqual(a.next(), b.next(), "no noise, no draw: runs without it keep their random streams")
    }

    /// One full-batch step with adversarial training equals one plain step on inputs perturbed by
    /// hand with the model's own input gradients at the same initial weights.
    func testAdversarialTrainingStepsOnTheFastGradientSignExamples() throws {
        let data = Fixtures.blobs(n: 30)
        let eps: Float = 0.1
        var config = TrainingConfig(batchSize: 30, epochs: 1, optimizer: .sgd(.init(learningRate: 0.1, momentum: 0)),
                                    evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: 4, batchOrder: .inOrder)
        var plainConfig = config
        config.augmentation = Augmentation(adversarialEpsilon: eps)
        let (adversarial, _) = try Trainer.run(architecture: .mlp(hidden: [8]), train: data, test: nil, config: config)

        var rng = SeededGenerator(seed: 4)
        let initial = try Model(architecture: .mlp(hidden: [8]), inputShape: data.sampleShape, classes: data.classes, rng: &rng)
        let g = try initial.inputGradients(inputs: data.inputs, labels: data.labels)
        var perturbed = data
        for i in perturbed.inputs.scalars.indices {
            let s = g.scalars[i]
            perturbed.inputs.scalars[i] += s > 0 ? eps : (s < 0 ? -eps : 0)
        }
        plainConfig.augmentation = nil
        let (plain, _) = try Trainer.run(architecture: .mlp(hidden: [8]), train: perturbed, test: nil, config: plainConfig)
        XCTAssertEqual(adversarial.flatParameters(), plain.flatParameters())
        let (clean, _) = try Trainer.run(architecture: .mlp(hidden: [8]), train: data, test: nil, config: plainConfig)
        XCTAssertNotEqual(adversarial.flatParameters(), clean.flatParameters(), "the perturbation changes the step")
    }

    /// Input noise alone needs no image shape: an MLP on flat vectors trains with it, and the noise
    /// changes the weights it ends at.
    func testInputNoiseTrainsAnMLPOnFlatInputs() throws {
        let data = Fixtures.blobs(n: 30)
        var config = TrainingConfig(batchSize: 10, epochs: 2, testEvery: 0, recordSteps: false, seed: 2)
        let (clean, _) = try Trainer.run(architecture: .mlp(hidden: [8]), train: data, test: nil, config: config)
        config.augmentation = Augmentation(inputNoise: 0.5)
        XCTAssertFalse(config.augmentation!.isIdentity)
        let (noisy, _) = try Trainer.run(architecture: .mlp(hidden: [8]), train: data, test: nil, config: config)
        XCTAssertNotEqual(clean.flatParameters(), noisy.flatParameters())
        XCTAssertTrue(Augmentation().isIdentity)
    }
}
