import XCTest
@testable import TrainingCore

final class TrainerTests: XCTestCase {
    func testLossFallsAndAccuracyRisesOnSeparableData() throws {
        let data = Fixtures.blobs(n: 120)
        let config = TrainingConfig(batchSize: 16, epochs: 15,
                                    optimizer: .sgd(.init(learningRate: 0.05, momentum: 0.9)), seed: 5)
        let (_, history) = try Trainer.run(architecture: .mlp(hidden: [16]), train: data, test: data, config: config)
        XCTAssertEqual(history.epochs.count, 15)
        XCTAssertEqual(history.steps.count, 15 * 8)
        let first = history.steps.first!.loss, last = history.epochs.last!.trainLoss
        XCTAssertLessThan(last, Double(first) / 4, "loss should fall by at least 4×")
        XCTAssertGreaterThanOrEqual(history.final!.trainAccuracy, 0.95)
        XCTAssertEqual(history.final!.testAccuracy!, history.final!.trainAccuracy, accuracy: 1e-12)
        XCTAssertEqual(history.stopReason, .epochBudget)
    }

    func testStopsAtTargetAccuracy() throws {
        let data = Fixtures.blobs(n: 90)
        let config = TrainingConfig(batchSize: 10, epochs: 200,
                                    optimizer: .sgd(.init(learningRate: 0.05, momentum: 0.9)),
                                    targetTrainAccuracy: 1.0, seed: 2)
        let (model, history) = try Trainer.run(architecture: .mlp(hidden: [8]), train: data, test: nil, config: config)
        XCTAssertEqual(history.stopReason, .reachedTarget)
        XCTAssertEqual(history.epochsToTarget, history.epochs.count)
        XCTAssertLessThan(history.epochs.count, 200)
        XCTAssertEqual(history.stepsToTarget, history.epochs.count * 9)
        XCTAssertEqual(Trainer.evaluate(model: model, data: data).accuracy, 1.0)
    }

    func testARunStoppedAtItsTargetIsTestedAfterItsLastEpoch() throws {
        // The test set every 1,000 epochs means once, at the end — also when the run ends early at its target.
        let data = Fixtures.blobs(n: 90)
        let config = TrainingConfig(batchSize: 10, epochs: 200,
                                    optimizer: .sgd(.init(learningRate: 0.05, momentum: 0.9)),
                                    targetTrainAccuracy: 1.0, testEvery: 1000, seed: 2)
        let (model, history) = try Trainer.run(architecture: .mlp(hidden: [8]), train: data, test: data, config: config)
        XCTAssertEqual(history.stopReason, .reachedTarget)
        XCTAssertLessThan(history.epochs.count, 200)
        XCTAssertTrue(history.epochs.dropLast().allSatisfy { $0.testAccuracy == nil })
        let tested = try XCTUnwrap(history.final?.testAccuracy, "the last epoch has no test evaluation")
        XCTAssertEqual(tested, Trainer.evaluate(model: model, data: data).accuracy, accuracy: 1e-12)
    }

    func testSameSeedGivesBitIdenticalWeights() throws {
        let data = Fixtures.blobs(n: 64)
        let config = TrainingConfig(batchSize: 8, epochs: 3, seed: 11)
        let a = try Trainer.run(architecture: .mlp(hidden: [12, 6]), train: data, test: nil, config: config)
        let b = try Trainer.run(architecture: .mlp(hidden: [12, 6]), train: data, test: nil, config: config)
        XCTAssertEqual(a.model.flatParameters(), b.model.flatParameters())
        var other = config; other.seed = 12
        let c = try Trainer.run(architecture: .mlp(hidden: [12, 6]), train: data, test: nil, config: other)
        XCTAssertNotEqual(a.model.flatParameters(), c.model.flatParameters())
    }

    func testCancellationStopsBeforeTheNextStepAndProgressIsReported() throws {
        let data = Fixtures.blobs(n: 64)
        var calls = 0
        var reports: [Int] = []
        let config = TrainingConfig(batchSize: 8, epochs: 5, seed: 1)
        let (_, history) = try Trainer.run(architecture: .mlp(hidden: [4]), train: data, test: nil, config: config,
                                           progress: { reports.append($0.epoch) },
                                           isCancelled: { calls += 1; return calls > 11 })
        XCTAssertEqual(history.stopReason, .cancelled)
        XCTAssertEqual(history.steps.count, 11)
        XCTAssertEqual(history.epochs.count, 1)
        XCTAssertEqual(reports, [1])
    }

    func testObserverSeesStepsAndEpochsWithoutChangingTheResult() throws {
        let data = Fixtures.blobs(n: 48)
        let config = TrainingConfig(batchSize: 8, epochs: 3, seed: 4)
        var stepsSeen: [Int] = [], epochAccuracies: [Double] = []
        let observer = TrainingObserver(everySteps: 4, afterStep: { model, step in
            stepsSeen.append(step)
            // Probing in the middle of training: a gradient and an HVP (restores the parameters).
            _ = try model.lossAndGradient(inputs: data.inputs, labels: data.labels)
            _ = try model.hessianVectorProduct([Float](repeating: 1, count: model.parameterCount),
                                               inputs: data.inputs, labels: data.labels)
            return .proceed
        }, afterEpoch: { model, epoch in
            epochAccuracies.append(Trainer.evaluate(model: model, data: data).accuracy)
            XCTAssertEqual(epoch.trainAccuracy, epochAccuracies.last!, accuracy: 1e-12)
            return .proceed
        })
        let observed = try Trainer.run(architecture: .mlp(hidden: [6]), train: data, test: nil, config: config, observer: observer)
        let plain = try Trainer.run(architecture: .mlp(hidden: [6]), train: data, test: nil, config: config)
        XCTAssertEqual(stepsSeen, [4, 8, 12, 16])
        XCTAssertEqual(epochAccuracies.count, 3)
        XCTAssertEqual(observed.model.flatParameters(), plain.model.flatParameters())
    }

    func testMismatchedDataIsAnError() throws {
        let data = Fixtures.blobs(n: 10, dim: 4)
        var rng = SeededGenerator(seed: 0)
        let model = try Model(architecture: .mlp(hidden: [3]), inputShape: [5], classes: 3, rng: &rng)
        XCTAssertThrowsError(try Trainer.train(model: model, train: data, test: nil, config: .init(), rng: &rng))
    }
}
