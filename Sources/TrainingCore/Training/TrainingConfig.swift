/// Everything about a training run except the data and the architecture, as a hashable value.
public struct TrainingConfig: Codable, Hashable, Sendable {
    /// Examples per step (the last step of an epoch may be smaller).
    public var batchSize: Int
    /// The epoch budget.
    public var epochs: Int
    /// The optimizer and its settings.
    public var optimizer: OptimizerConfig
    /// The learning-rate schedule over epochs.
    public var schedule: LearningRateSchedule
    /// The objective.
    public var loss: Loss
    /// Stop once the train accuracy (measured at an epoch's end) reaches this fraction.
    public var targetTrainAccuracy: Double?
    /// Stop once the train loss (measured at an epoch's end) falls to this value.
    public var targetTrainLoss: Double?
    /// Measure train loss/accuracy at each epoch's end with a full pass in evaluation mode
    /// (exact, costs a forward pass); if false, use the running means over the epoch's steps.
    public var evaluateTrainSet: Bool
    /// Evaluate the test set every this many epochs (and at the last epoch); 0 = never.
    public var testEvery: Int
    /// Record per-step loss and batch accuracy.
    public var recordSteps: Bool
    /// Random crops / flips applied to each training batch (nil = none).
    public var augmentation: Augmentation?
    /// The seed for weights, shuffles and all other randomness of the run.
    public var seed: UInt64
    /// Stop after this many steps, even in the middle of an epoch (nil: only the epoch budget).
    public var stepBudget: Int?
    /// How each epoch orders the training examples.
    public var batchOrder: BatchOrder
    /// Heavy-ball SGD runs fused into the backward pass (see ``Optimizer``); false runs the
    /// textbook update `v ← μv + g; w ← w − lr·v` on the plain gradient instead (same update,
    /// other rounding). Other optimizers are never fused.
    public var fusedUpdate: Bool
    /// Batch size of the end-of-epoch evaluations (nil: `batchSize`). In evaluation mode a
    /// result does not depend on it except through the rounding of the matrix products.
    public var evaluationBatchSize: Int?

    /// A configuration; defaults follow Zhang et al.'s MLP settings (SGD 0.01, momentum 0.9).
    public init(batchSize: Int = 128, epochs: Int = 10,
                optimizer: OptimizerConfig = .sgd(.init(learningRate: 0.01, momentum: 0.9)),
                schedule: LearningRateSchedule = .constant, loss: Loss = .crossEntropy,
                targetTrainAccuracy: Double? = nil, targetTrainLoss: Double? = nil,
                evaluateTrainSet: Bool = true, testEvery: Int = 1, recordSteps: Bool = true,
                augmentation: Augmentation? = nil, seed: UInt64 = 0, stepBudget: Int? = nil,
                batchOrder: BatchOrder = .reshuffled, fusedUpdate: Bool = true, evaluationBatchSize: Int? = nil) {
        self.batchSize = batchSize; self.epochs = epochs; self.optimizer = optimizer
        self.schedule = schedule; self.loss = loss
        self.targetTrainAccuracy = targetTrainAccuracy; self.targetTrainLoss = targetTrainLoss
        self.evaluateTrainSet = evaluateTrainSet; self.testEvery = testEvery
        self.recordSteps = recordSteps; self.augmentation = augmentation; self.seed = seed
        self.stepBudget = stepBudget; self.batchOrder = batchOrder; self.fusedUpdate = fusedUpdate
        self.evaluationBatchSize = evaluationBatchSize
    }
}
