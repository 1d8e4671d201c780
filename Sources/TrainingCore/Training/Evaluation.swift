/// A model measured on a data set in evaluation mode: mean loss, accuracy, each example's
/// predicted class and its logits.
public struct Evaluation: Sendable {
    /// Mean loss over the examples (per-example Float32 losses summed in Float64).
    public var loss: Double
    /// Share of examples whose arg-max class (ties to the lowest index) is the label.
    public var accuracy: Double
    /// Arg-max class of each example `(n)`.
    public var predictions: [Int]
    /// The logits `(n, K)`, row-major.
    public var logits: [Float]

    /// Runs `model` over `data` in batches of `batchSize` (evaluation mode; the model's workspace
    /// is reused, so do not call this in the middle of a step).
    public init(model: Model, data: LabeledData, loss: Loss = .crossEntropy, batchSize: Int = 1024) {
        let k = model.outputCount
        var predictions = [Int](repeating: 0, count: data.count)
        var logits = [Float](repeating: 0, count: data.count * k)
        let (l, a) = Trainer.evaluate(model: model, data: data, loss: loss, batchSize: batchSize) { start, rows, z in
            for r in 0..<rows {
                var best = 0
                for j in 0..<k {
                    logits[(start + r) * k + j] = z[r * k + j]
                    if z[r * k + j] > z[r * k + best] { best = j }
                }
                predictions[start + r] = best
            }
        }
        self.loss = l; self.accuracy = a; self.predictions = predictions; self.logits = logits
    }
}
