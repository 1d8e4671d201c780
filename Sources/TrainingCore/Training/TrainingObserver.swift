/// Hooks that let probes measure a model while it trains (information plane per epoch, gradient
/// coherence every few steps, …) without restarting the optimizer.
///
/// The hooks run between steps and may use the model freely (forward, gradients, HVPs); they must
/// leave its parameters as they found them. They never change what the training computes unless
/// they change the parameters. Errors they throw stop training and propagate.
public struct TrainingObserver {
    /// Called after every `everySteps`-th step (1-based step count), if set.
    public var afterStep: ((Model, Int) throws -> Void)?
    /// How often `afterStep` runs (0 = never).
    public var everySteps: Int
    /// Called after every epoch's record is complete (train/test metrics filled in).
    public var afterEpoch: ((Model, TrainingHistory.Epoch) throws -> Void)?

    /// An observer; either hook may be nil.
    public init(everySteps: Int = 0, afterStep: ((Model, Int) throws -> Void)? = nil,
                afterEpoch: ((Model, TrainingHistory.Epoch) throws -> Void)? = nil) {
        self.everySteps = everySteps
        self.afterStep = afterStep
        self.afterEpoch = afterEpoch
    }
}
