/// An extra term of the training objective that acts through the logits: after the loss has
/// written `∂(mean loss)/∂z (B, K)`, the term adds its own `∂/∂z` (or replaces part of it) before
/// back-propagation. SAF's trajectory loss (``TrajectoryTerm``) and the LIMIT-style label
/// predictor (``LabelPredictorTerm``) are terms. Used with plain-gradient optimizers (SGD, Adam).
///
/// Terms are stateful objects owned by one training run; they allocate in `prepare` and in
/// `beginEpoch`, never in `addGradient`.
public protocol LogitGradientTerm: AnyObject {
    /// Called once before training with the training-set size `n`, the classes `K` and the largest batch.
    func prepare(trainingSetSize n: Int, classes k: Int, batchCapacity: Int) throws
    /// Called at the start of every epoch (0-based).
    func beginEpoch(_ epoch: Int)
    /// Adds the term's gradient to `gradient (B, K)`, which holds `∂(mean loss)/∂z` for the
    /// batch's `logits (B, K)` and `labels (B)`; `examples[r]` is the training-set index of row
    /// `r`; `learningRate` is the step's.
    func addGradient(logits: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                     labels: UnsafePointer<Int32>, examples: ArraySlice<Int>, classes k: Int,
                     learningRate: Double)
}
