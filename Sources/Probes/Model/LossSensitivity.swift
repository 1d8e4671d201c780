import TrainingCore

/// Loss sensitivity (Arpit et al. 2017): `gᵢ = ‖∂ℓᵢ/∂xᵢ‖₁` per example. Averaged over training
/// steps, it is high on a few examples for real data (a high Gini coefficient) and high
/// everywhere for noise.
public enum LossSensitivity {
    /// `‖∂ℓᵢ/∂xᵢ‖₁` for every example, in data order.
    public static func perExample(model: Model, data: LabeledData, loss: Loss = .crossEntropy,
                                  batchSize: Int = 256) throws -> [Double] {
        let g = try InputGradients.perExample(model: model, data: data, loss: loss, batchSize: batchSize)
        let d = data.sampleSize
        return (0..<data.count).map { i in
            var s = 0.0
            for j in 0..<d { s += Double(abs(g.scalars[i * d + j])) }
            return s
        }
    }
}
