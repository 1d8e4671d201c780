/// A progress report, sent after every epoch.
public struct TrainingProgress: Sendable {
    /// 1-based epoch just finished.
    public var epoch: Int
    /// The configured number of epochs.
    public var epochBudget: Int
    /// Steps taken so far.
    public var steps: Int
    public var trainLoss: Double
    public var trainAccuracy: Double
    /// Test accuracy if the test set was evaluated this epoch.
    public var testAccuracy: Double?
}
