/// What a training run recorded: per-step and per-epoch series and why it stopped.
public struct TrainingHistory: Codable, Hashable, Sendable {
    /// One optimizer step.
    public struct Step: Codable, Hashable, Sendable {
        /// 1-based step number over the whole run.
        public var step: Int
        /// 1-based epoch the step belongs to.
        public var epoch: Int
        /// Mean loss over the step's batch (before the update).
        public var loss: Float
        /// Accuracy on the step's batch (before the update).
        public var accuracy: Float

        public init(step: Int, epoch: Int, loss: Float, accuracy: Float) {
            self.step = step; self.epoch = epoch; self.loss = loss; self.accuracy = accuracy
        }
    }

    /// The state at the end of one epoch.
    public struct Epoch: Codable, Hashable, Sendable {
        /// 1-based epoch number.
        public var epoch: Int
        /// Steps taken so far.
        public var steps: Int
        /// Learning rate used during this epoch.
        public var learningRate: Double
        /// Mean train loss: a full evaluation-mode pass, or the running mean of the epoch's
        /// batches when `TrainingConfig.evaluateTrainSet` is false.
        public var trainLoss: Double
        /// Train accuracy, measured like `trainLoss`.
        public var trainAccuracy: Double
        /// Test loss and accuracy (evaluation mode) when the test set was evaluated this epoch.
        public var testLoss: Double?
        public var testAccuracy: Double?
        /// Wall-clock seconds since training began (measurement only; never decides a result).
        public var seconds: Double

        public init(epoch: Int, steps: Int, learningRate: Double, trainLoss: Double, trainAccuracy: Double,
                    testLoss: Double? = nil, testAccuracy: Double? = nil, seconds: Double = 0) {
            self.epoch = epoch; self.steps = steps; self.learningRate = learningRate
            self.trainLoss = trainLoss; self.trainAccuracy = trainAccuracy
            self.testLoss = testLoss; self.testAccuracy = testAccuracy; self.seconds = seconds
        }
    }

    /// Why the run ended.
    public enum StopReason: String, Codable, Hashable, Sendable {
        case reachedTarget, epochBudget, cancelled, diverged
        /// `TrainingConfig.stepBudget` steps were taken.
        case stepBudget
        /// An observer asked to stop.
        case observer
    }

    /// Per-step records (empty unless `TrainingConfig.recordSteps`).
    public var steps: [Step] = []
    /// Per-epoch records.
    public var epochs: [Epoch] = []
    /// Why the run ended.
    public var stopReason: StopReason = .epochBudget
    /// Steps taken when the target was first met (nil if never).
    public var stepsToTarget: Int?
    /// Epochs taken when the target was first met (nil if never).
    public var epochsToTarget: Int?
    /// Wall-clock seconds spent inside optimizer steps (batch gathering, evaluations and
    /// observers excluded; measurement only, never decides a result).
    public var stepSeconds: Double = 0
    /// Optimizer steps taken.
    public var stepCount: Int = 0

    /// An empty history.
    public init() {}

    /// The last epoch's record, if any epoch finished.
    public var final: Epoch? { epochs.last }
}
