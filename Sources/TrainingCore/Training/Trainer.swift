#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The training loop, the only one in the project: mini-batches in a ``BatchOrder``, one update
/// per batch by the rule `config.optimizer` names (plain gradient, SAM, SGLD, winsorized; a
/// ``LogitGradientTerm`` for SAF or LIMIT; the model's pruning mask after every update),
/// per-step and per-epoch records, a stop at a target, at the epoch or step budget or when an
/// observer asks, a progress callback and cancellation.
///
/// Observers and the progress callback run between steps with the model's gradients pointed back
/// at its own array, so they may run `backward` and other probes without touching the optimizer's
/// state (see ``TrainingObserver``).
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
                             logitTerm: LogitGradientTerm? = nil,
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
        let evaluationBatch = max(1, config.evaluationBatchSize ?? batchSize)
        let stepper = try TrainingStep(model: model, config: config.optimizer, loss: config.loss,
                                       trainingSetSize: train.count, batchCapacity: batchSize,
                                       fused: config.fusedUpdate, logitTerm: logitTerm)
        defer { model.bindGradients(to: nil) }
        if let augmentation = config.augmentation { try augmentation.validate(shape: model.inputShape) }
        let scratch = FloatBuffer(count: model.inputSize)
        let clock = ContinuousClock()
        let start = clock.now
        var history = TrainingHistory()
        var order = Array(0..<train.count)
        var step = 0
        if let atStart = observer?.atStart { try atStart(model) }

        epochLoop: for epoch in 0..<config.epochs {
            let lr = config.optimizer.learningRate * config.schedule.factor(epoch: epoch)
            let nextEpochLearningRate = config.optimizer.learningRate * config.schedule.factor(epoch: epoch + 1)
            switch config.batchOrder {
            case .reshuffled: rng.shuffle(&order)
            case .freshPermutation:
                for i in order.indices { order[i] = i }
                rng.shuffle(&order)
            case .inOrder: break
            }
            logitTerm?.beginEpoch(epoch)
            var runningLoss = 0.0, runningCorrect = 0, seen = 0
            var ending: TrainingHistory.StopReason? = nil
            var begin = 0
            while begin < train.count {
                if let isCancelled, isCancelled() { history.stopReason = .cancelled; break epochLoop }
                let end = min(begin + batchSize, train.count)
                let b = end - begin
                train.gather(order[begin..<end], inputs: model.inputPointer, labels: model.labelBuffer!)
                if let augmentation = config.augmentation {
                    augmentation.apply(model.inputPointer, batch: b, shape: model.inputShape,
                                       scratch: scratch.pointer, rng: &rng)
                    augmentation.addNoise(model.inputPointer, count: b * model.inputSize, rng: &rng)
                    if augmentation.adversarialEpsilon > 0 {
                        _ = model.gradientStep(batch: b, loss: config.loss, training: false, inputGradient: true)
                        augmentation.adversarialStep(model.inputPointer, gradient: model.inputGradient!.pointer,
                                                     count: b * model.inputSize)
                    }
                }
                let stepStart = clock.now
                let (lossSum, correct) = stepper.run(batch: b, examples: order[begin..<end], learningRate: lr,
                                                     nextLearningRate: end < train.count ? lr : nextEpochLearningRate,
                                                     rng: &rng)
                history.stepSeconds += seconds(clock.now - stepStart)
                step += 1
                history.stepCount = step
                runningLoss += lossSum; runningCorrect += correct; seen += b
                if config.recordSteps {
                    history.steps.append(.init(step: step, epoch: epoch + 1, loss: Float(lossSum / Double(b)),
                                               accuracy: Float(correct) / Float(b)))
                }
                if !lossSum.isFinite { history.stopReason = .diverged; break epochLoop }
                begin = end
                if let every = observer?.everySteps, every > 0, step % every == 0, let afterStep = observer?.afterStep {
                    model.bindGradients(to: nil)   // probes write into the model's own gradients, never the optimizer's
                    if try afterStep(model, step) == .stop { ending = .observer; break }
                }
                if let budget = config.stepBudget, step >= budget { ending = .stepBudget; break }
            }

            // A run that ends in the middle of an epoch records the steps it took.
            let count = ending == nil ? train.count : max(seen, 1)
            var record = TrainingHistory.Epoch(
                epoch: epoch + 1, steps: step, learningRate: lr,
                trainLoss: runningLoss / Double(count),
                trainAccuracy: Double(runningCorrect) / Double(count),
                testLoss: nil, testAccuracy: nil, seconds: 0)
            model.bindGradients(to: nil)
            if config.evaluateTrainSet {
                (record.trainLoss, record.trainAccuracy) = evaluate(model: model, data: train, loss: config.loss,
                                                                    batchSize: evaluationBatch)
            }
            // A run that reached its target ends after this epoch: its last epoch, too, gets a test evaluation.
            var reached = false
            if let t = config.targetTrainAccuracy, record.trainAccuracy >= t { reached = true }
            if let t = config.targetTrainLoss, record.trainLoss <= t { reached = true }
            let last = epoch == config.epochs - 1 || ending != nil || reached
            if let test, config.testEvery > 0, (epoch + 1) % config.testEvery == 0 || last {
                let (l, a) = evaluate(model: model, data: test, loss: config.loss, batchSize: evaluationBatch)
                record.testLoss = l; record.testAccuracy = a
            }
            record.seconds = seconds(clock.now - start)
            history.epochs.append(record)
            if let afterEpoch = observer?.afterEpoch, try afterEpoch(model, record) == .stop, ending == nil {
                ending = .observer
            }
            progress?(TrainingProgress(epoch: epoch + 1, epochBudget: config.epochs, steps: step,
                                       trainLoss: record.trainLoss, trainAccuracy: record.trainAccuracy,
                                       testAccuracy: record.testAccuracy))
            if reached {
                history.stopReason = .reachedTarget
                history.stepsToTarget = step
                history.epochsToTarget = epoch + 1
                break
            }
            if !record.trainLoss.isFinite { history.stopReason = .diverged; break }
            if let ending { history.stopReason = ending; break }
        }
        return history
    }

    /// Mean loss and accuracy of `model` on `data` in evaluation mode, in batches of `batchSize`.
    public static func evaluate(model: Model, data: LabeledData, loss: Loss = .crossEntropy,
                                batchSize: Int = 256) -> (loss: Double, accuracy: Double) {
        evaluate(model: model, data: data, loss: loss, batchSize: batchSize, rows: nil)
    }

    /// The evaluation loop; `rows(start, count, logits)` sees each batch's logits `(count, K)`.
    static func evaluate(model: Model, data: LabeledData, loss: Loss, batchSize: Int,
                         rows: ((Int, Int, UnsafePointer<Float>) -> Void)?) -> (loss: Double, accuracy: Double) {
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
            rows?(begin, end - begin, model.logitsPointer)
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
