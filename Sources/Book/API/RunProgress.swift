/// Progress of one run, for the terminal display.
public struct RunProgress: Sendable {
    /// Epochs finished, and the epoch budget.
    public var epoch: Int
    /// The epoch budget.
    public var epochs: Int
    /// Training loss after the epoch.
    public var loss: Double
    /// Training accuracy after the epoch.
    public var accuracy: Double

    /// Progress after `epoch` of `epochs`.
    public init(epoch: Int, epochs: Int, loss: Double, accuracy: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.accuracy = accuracy
    }
}
