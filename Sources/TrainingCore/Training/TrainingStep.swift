/// One optimizer step on the batch already loaded in the model's workspace, by the update rule
/// `OptimizerConfig` names: the plain gradient (``GradientUpdate``: fused or textbook SGD, Adam;
/// optionally with a ``LogitGradientTerm`` such as SAF's trajectory loss or the LIMIT-style label
/// predictor), SAM (``SharpnessAwareUpdate``), SGLD (``LangevinUpdate``) or winsorized SGD
/// (``WinsorizedUpdate``). A pruning mask set on the model is applied after every update. All
/// buffers are allocated here; a step allocates nothing.
final class TrainingStep {
    let rule: UpdateRule

    init(model: Model, config: OptimizerConfig, loss: Loss, trainingSetSize: Int, batchCapacity: Int,
         fused: Bool = true, logitTerm: LogitGradientTerm? = nil) throws {
        if let logitTerm {
            switch config {
            case .sgd, .adam: break
            default: throw TrainingCoreError("a logit-gradient term needs SGD or Adam, not \(config)")
            }
            try logitTerm.prepare(trainingSetSize: trainingSetSize, classes: model.outputCount, batchCapacity: batchCapacity)
        }
        switch config {
        case .sgd, .adam:
            rule = GradientUpdate(model: model, optimizer: config, loss: loss, fused: fused, logitTerm: logitTerm)
        case .sam(let s):
            rule = try SharpnessAwareUpdate(model: model, settings: s, loss: loss)
        case .sgld(let s):
            rule = LangevinUpdate(model: model, settings: s, loss: loss, trainingSetSize: trainingSetSize)
        case .winsorized(let w):
            rule = try WinsorizedUpdate(model: model, settings: w, loss: loss, batchCapacity: batchCapacity)
        }
    }

    /// Trains on the `batch` examples in the workspace at learning rate `lr`; returns the batch's
    /// summed loss and correct count before the update. `nextLearningRate` is the learning rate of
    /// the step after this one (`lr` when nil); fused SGD scales its velocity for it. `examples`
    /// are the training-set indices of the batch's rows (for a logit-gradient term).
    func run(batch b: Int, examples: ArraySlice<Int> = [], learningRate lr: Double, nextLearningRate: Double? = nil,
             rng: inout SeededGenerator) -> (lossSum: Double, correct: Int) {
        rule.step(batch: b, examples: examples, learningRate: lr, nextLearningRate: nextLearningRate ?? lr, rng: &rng)
    }
}
