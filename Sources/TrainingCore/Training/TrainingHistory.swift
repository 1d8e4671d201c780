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
    }

    /// The state at the end of one epoch.
    public struct Epoch: Codable, Hashable, Sendable {
        /// 1-based epoch number.
        public var epoch: Int
        /// Steps taken so far.
        public var steps: Int
        /// Learning rate used during this epoch.
        public var learningRate: Double
        public var trainLoss: Double
        public var trainAccuracy: Double
        public var testLoss: Double?
        public var testAccuracy: Double?
        /// Wall-clock seconds since training began (measurement only; never decides a result).
        public var seconds: Double
    }

    /// Why the run ended.
    public enum StopReason: String, Codable, Hashable, Sendable {
        case reachedTarget, epochBudget, cancelled, diverged
    }

    public var steps: [Step] = []
    public var epochs: [Epoch] = []
    public var stopReason: StopReason = .epochBudget
    /// Steps taken when the target was first met (nil if never).
    public var stepsToTarget: Int?
    /// Epochs taken when the target was first met (nil if never).
    public var epochsToTarget: Int?

    /// The last epoch's record, if any epoch finished.
    public var final: Epoch? { epochs.last }
}

/// A progress report, sent after every epoch.
public struct TrainingProgress: Sendable {
    public var epoch: Int
    public var epochBudget: Int
    public var steps: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    public var testAccuracy: Double?
}
