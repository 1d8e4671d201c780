import TrainingCore

/// Gradients of each example's own loss with respect to its input, `∂ℓ(f(xᵢ), yᵢ)/∂xᵢ`
/// (evaluation mode: no dropout, batch statistics frozen).
public enum InputGradients {
    /// One gradient per example, with the shape of `data.inputs`.
    ///
    /// Rows of a batch do not interact in evaluation mode, so each row of the batch's input
    /// gradient, taken with the per-example (not batch-mean) logit gradient, is that example's own.
    public static func perExample(model: Model, data: LabeledData, loss: Loss = .crossEntropy,
                                  batchSize: Int = 256) throws -> Tensor {
        try checkCompatible(model, data)
        var out = [Float]()
        out.reserveCapacity(data.inputs.count)
        for range in try data.batchRanges(size: batchSize) {
            let (x, y) = data.batch(range)
            let logits = try model.forward(x, training: false)                        // (B, K)
            let dLogits = try perExampleLogitGradient(loss, logits: logits, labels: y)  // (B, K)
            out += try model.backward(dLogits).scalars                                  // (B, D)
        }
        model.zeroGradients()
        return try Tensor(shape: data.inputs.shape, scalars: out)
    }
}
