/// What an observer asks of the training loop after it has looked at the model.
public enum TrainingDecision: Sendable {
    /// Carry on training.
    case proceed
    /// End the run now (``TrainingHistory/StopReason/observer``).
    case stop
}
