#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The training loop: shuffled mini-batches, an optimizer step per batch, per-step and per-epoch
/// records, a stop at a target or at the epoch budget, a progress callback and cancellation.
public enum Trainer {
    /// Builds a model from `architecture` with `config.seed` and trains it; the result depends on
    /// `(train, test, architecture, config)` only.
    public static func run(architecture: ModelArchitecture, train: LabeledData, test: LabeledData?,
                           config: TrainingConfig,
                           progress: ((TrainingProgress) -> Void)? = nil,
                           isCancelled: (() -> Bool)? = nil,
                           observer: TrainingObserver? = nil) throws -> (model: Model, history: TrainingHistory) {
        var rng = SeededGenerator(seed: config.seed)
        let model = try Model(architecture: architecture, inputShape: train.sampleShape,
                              classes: train.classes, rng: &rng)
        let history = try Trainer.train(model: model, train: train, test: test, config: config, rng: &rng,
                                        progress: progress, isCancelled: isCancelled, observer: observer)
        return (model, history)
    }

    /// Trains `model` in place on `train`, evaluating on `test`; shuffles with `rng`.
    public static func train(model: Model, train: LabeledData, test: LabeledData?, config: TrainingConfig,
                             rng: inout SeededGenerator,
                             progress: ((TrainingProgress) -> Void)? = nil,
                             isCancelled: (() -> Bool)? = nil,
                             observer: TrainingObserver? = nil) throws -> TrainingHistory {
        try check(model: model, data: train, name: "train")
        if let test { try check(model: model, data: test, name: "test") }
        guard config.batchSize > 0 else { throw TrainingCoreError("Trainer: batchSize must be positive") }
        guard config.epochs >= 0 else { throw TrainingCoreError("Trainer: epochs must be non-negative") }
        guard train.count > 0 else { throw TrainingCoreError("Trainer: the training set is empty") }

        let batchSize = min(config.batchSize, train.count)
        model.reserve(batch: batchSize)
        let stepper = try TrainingStep(model: model, config: config.optimizer, loss: config.loss,
                                       trainingSetSize: train.count, batchCapacity: batchSize)
        defer { model.bindGradients(to: nil) }
        if let augmentation = config.augmentation { try augmentation.validate(shape: model.inputShape) }
        let scratch = FloatBuffer(count: model.inputSize)
        let clock = ContinuousClock()
        let start = clock.now
        var history = TrainingHistory()
        var order = Array(0..<train.count)
        var step = 0

        epochLoop: for epoch in 0..<config.epochs {
            let lr = config.optimizer.learningRate * config.schedule.factor(epoch: epoch)
            let nextEpochLearningRate = config.optimizer.learningRate * config.schedule.factor(epoch: epoch + 1)
            rng.shuffle(&order)
            var runningLoss = 0.0, runningCorrect = 0
            var begin = 0
            while begin < train.count {
                if let isCancelled, isCancelled() { history.stopReason = .cancelled; break epochLoop }
                let end = min(begin + batchSize, train.count)
                let b = end - begin
                train.gather(order[begin..<end], inputs: model.inputPointer, labels: model.labelBuffer!)
                if let augmentation = config.augmentation {
                    augmentation.apply(model.inputPointer, batch: b, shape: model.inputShape,
                                       scratch: scratch.pointer, rng: &rng)
                }
                let (lossSum, correct) = stepper.run(batch: b, learningRate: lr,
                                                     nextLearningRate: end < train.count ? lr : nextEpochLearningRate,
                                                     rng: &rng)
                step += 1
                runningLoss += lossSum; runningCorrect += correct
                if config.recordSteps {
                    history.steps.append(.init(step: step, epoch: epoch + 1, loss: Float(lossSum / Double(b)),
                                               accuracy: Float(correct) / Float(b)))
                }
                if !lossSum.isFinite { history.stopReason = .diverged; break epochLoop }
                if let every = observer?.everySteps, every > 0, step % every == 0 {
                    try observer?.afterStep?(model, step)
                }
                begin = end
            }

            var record = TrainingHistory.Epoch(
                epoch: epoch + 1, steps: step, learningRate: lr,
                trainLoss: runningLoss / Double(train.count),
                trainAccuracy: Double(runningCorrect) / Double(train.count),
                testLoss: nil, testAccuracy: nil, seconds: 0)
            if config.evaluateTrainSet {
                (record.trainLoss, record.trainAccuracy) = evaluate(model: model, data: train, loss: config.loss,
                                                                    batchSize: batchSize)
            }
            let last = epoch == config.epochs - 1
            if let test, config.testEvery > 0, (epoch + 1) % config.testEvery == 0 || last {
                let (l, a) = evaluate(model: model, data: test, loss: config.loss, batchSize: batchSize)
                record.testLoss = l; record.testAccuracy = a
            }
            record.seconds = seconds(clock.now - start)
            history.epochs.append(record)
            try observer?.afterEpoch?(model, record)
            progress?(TrainingProgress(epoch: epoch + 1, epochBudget: config.epochs, steps: step,
                                       trainLoss: record.trainLoss, trainAccuracy: record.trainAccuracy,
                                       testAccuracy: record.testAccuracy))
            var reached = false
            if let t = config.targetTrainAccuracy, record.trainAccuracy >= t { reached = true }
            if let t = config.targetTrainLoss, record.trainLoss <= t { reached = true }
            if reached {
                history.stopReason = .reachedTarget
                history.stepsToTarget = step
                history.epochsToTarget = epoch + 1
                break
            }
            if !record.trainLoss.isFinite { history.stopReason = .diverged; break }
        }
        return history
    }

    /// Mean loss and accuracy of `model` on `data` in evaluation mode, in batches of `batchSize`.
    public static func evaluate(model: Model, data: LabeledData, loss: Loss = .crossEntropy,
                                batchSize: Int = 256) -> (loss: Double, accuracy: Double) {
        guard data.count > 0 else { return (0, 0) }
        let b = max(1, min(batchSize, data.count))
        model.reserve(batch: b)
        var lossSum = 0.0, correct = 0
        var begin = 0
        let indices = Array(0..<data.count)
        while begin < data.count {
            let end = min(begin + b, data.count)
            data.gather(indices[begin..<end], inputs: model.inputPointer, labels: model.labelBuffer!)
            model.forwardWorkspace(batch: end - begin, training: false)
            let r = loss.evaluate(logits: model.logitsPointer, labels: model.labelBuffer!, batch: end - begin,
                                  classes: model.outputCount, gradient: nil)
            lossSum += r.lossSum; correct += r.correct
            begin = end
        }
        return (lossSum / Double(data.count), Double(correct) / Double(data.count))
    }

    static func check(model: Model, data: LabeledData, name: String) throws {
        guard data.sampleSize == model.inputSize else {
            throw TrainingCoreError("Trainer: \(name) inputs have shape \(data.sampleShape), the model expects \(model.inputShape)")
        }
        guard data.classes == model.outputCount else {
            throw TrainingCoreError("Trainer: \(name) data has \(data.classes) classes, the model has \(model.outputCount) outputs")
        }
    }

    static func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }
}
