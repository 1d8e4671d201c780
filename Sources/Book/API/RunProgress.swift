/// Progress of one run, for the terminal display.
public struct RunProgress: Sendable {
    public var epoch: Int
    public var epochs: Int
    public var loss: Double
    public var accuracy: Double

    /// Progress after `epoch` of `epochs`.
    public init(epoch: Int, epochs: Int, loss: Double, accuracy: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.accuracy = accuracy
    }
}
