/// Hooks that let probes measure a model while it trains (m-coherence every few steps, unit
/// statistics per epoch, posterior samples, …) and end the run, without restarting the optimizer.
///
/// The hooks run between steps, after the trainer has pointed the model's gradients back at the
/// model's own gradient array, so they may use the model freely in evaluation mode: forward passes,
/// `backward`, `lossAndGradient`, per-example gradients, Hessian-vector products. Nothing a hook
/// leaves in the model's gradients or activation buffers is read by the next step (every step
/// overwrites them), and the optimizer's state (momentum, moments) lives outside the model. A hook
/// must leave the parameters as it found them and must not run forward passes in training mode
/// (those update BatchNorm's running statistics and draw dropout masks). Errors a hook throws stop
/// training and propagate.
public struct TrainingObserver {
    /// Called once before the first step, if set.
    public var atStart: ((Model) throws -> Void)?
    /// Called after every `everySteps`-th step (1-based step count), if set.
    public var afterStep: ((Model, Int) throws -> TrainingDecision)?
    /// How often `afterStep` runs (0 = never).
    public var everySteps: Int
    /// Called after every epoch's record is complete (train/test metrics filled in).
    public var afterEpoch: ((Model, TrainingHistory.Epoch) throws -> TrainingDecision)?

    /// An observer; any hook may be nil.
    public init(everySteps: Int = 0, atStart: ((Model) throws -> Void)? = nil,
                afterStep: ((Model, Int) throws -> TrainingDecision)? = nil,
                afterEpoch: ((Model, TrainingHistory.Epoch) throws -> TrainingDecision)? = nil) {
        self.everySteps = everySteps
        self.atStart = atStart
        self.afterStep = afterStep
        self.afterEpoch = afterEpoch
    }
}
