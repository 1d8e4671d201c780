import TrainingCore

/// The coherence of per-example parameter gradients (Chatterjee 2020; Chatterjee & Zielinski
/// 2022): `α = E[g_z · g_z′] / E[g_z · g_z]` over independent examples `z, z′`, and the
/// m-coherence `m·α = ‖Σᵢ gᵢ‖² / Σᵢ ‖gᵢ‖²` — 1 when the gradients are orthogonal, `m` when they
/// are identical.
///
/// For MLPs of Dense layers the per-example gradient norms come from one batched pass
/// (``SmallNetwork/gradientCoherence(inputs:labels:)``); otherwise per-example gradients are
/// streamed (one backward pass per example, summed as they come), so only two parameter-sized
/// vectors are ever held.
public struct GradientCoherence: Sendable, Hashable, Codable {
    /// `m`, the number of examples.
    public let examples: Int
    /// `‖Σᵢ gᵢ‖²`.
    public let squaredNormOfSum: Double
    /// `‖gᵢ‖²` for each example.
    public let squaredNorms: [Double]

    /// `Σᵢ ‖gᵢ‖²`.
    public var sumOfSquaredNorms: Double { squaredNorms.reduce(0, +) }
    /// `m·α = ‖Σᵢ gᵢ‖² / Σᵢ ‖gᵢ‖²`.
    public var mCoherence: Double { sumOfSquaredNorms > 0 ? squaredNormOfSum / sumOfSquaredNorms : 0 }
    /// `α = ‖mean g‖² / mean ‖g‖²`.
    public var alpha: Double { examples > 0 ? mCoherence / Double(examples) : 0 }

    /// Builds the result from its parts (for tests and for callers with their own gradients).
    public init(examples: Int, squaredNormOfSum: Double, squaredNorms: [Double]) {
        self.examples = examples
        self.squaredNormOfSum = squaredNormOfSum
        self.squaredNorms = squaredNorms
    }

    /// From explicit per-example gradients (each a vector of the same length).
    public init(gradients: [[Double]]) throws {
        guard let p = gradients.first?.count, gradients.allSatisfy({ $0.count == p }) else {
            throw ProbeError.invalidArgument("coherence needs at least one gradient, all of one length")
        }
        var sum = [Double](repeating: 0, count: p)
        for g in gradients { for k in 0..<p { sum[k] += g[k] } }
        self.init(examples: gradients.count, squaredNormOfSum: dot(sum, sum), squaredNorms: gradients.map { dot($0, $0) })
    }

    /// How ``measure(model:data:loss:method:)`` obtains the per-example gradients.
    public enum Method: String, Sendable, Hashable, Codable {
        /// The batched Float64 computation for MLPs of Dense layers with cross-entropy (no
        /// per-example gradient is formed); streaming for every other model.
        case automatic
        /// One backward pass per example through the core model, summed as they come.
        case streaming
    }

    /// Measures the coherence of the per-example loss gradients of `model` on `data`
    /// (evaluation mode). Leaves the model's gradients zeroed.
    public static func measure(model: Model, data: LabeledData, loss: Loss = .crossEntropy,
                               method: Method = .automatic) throws -> GradientCoherence {
        try checkCompatible(model, data)
        guard data.count > 0 else { throw ProbeError.invalidArgument("the data set is empty") }
        if method == .automatic, loss == .crossEntropy,
           let network = try? SmallNetwork(model: model) {
            return try network.gradientCoherence(inputs: data.float64Inputs, labels: data.labels)
        }
        var sum = [Double](repeating: 0, count: model.parameterCount)
        var norms: [Double] = []
        for i in 0..<data.count {
            let (x, y) = data.batch(i ..< i + 1)
            model.zeroGradients()
            let logits = try model.forward(x, training: false)
            _ = try model.backward(try perExampleLogitGradient(loss, logits: logits, labels: y))
            let g = model.flatGradients()
            var squared = 0.0
            for k in g.indices {
                let v = Double(g[k])
                sum[k] += v
                squared += v * v
            }
            norms.append(squared)
        }
        model.zeroGradients()
        return GradientCoherence(examples: data.count, squaredNormOfSum: dot(sum, sum), squaredNorms: norms)
    }
}
