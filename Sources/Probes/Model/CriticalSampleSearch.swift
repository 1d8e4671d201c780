import TrainingCore

/// The critical sample ratio (Arpit et al. 2017): the share of examples that have an adversarial
/// example — a point the network classifies differently — within the L∞ ball of radius `radius`.
///
/// The search is Arpit et al.'s Langevin adversarial sample search: starting at `x̃ = x`, repeat
/// `x̃ ← clip_{‖x̃ − x‖∞ ≤ r}(x̃ + α·sign(∂ℓ_k/∂x̃) + β·η)`, `η ~ N(0, I)`, until the predicted
/// class changes or `iterations` steps are spent. Arpit et al. write the step with the gradient
/// of the network's output `f_k` for the predicted class `k`; we take the sign that lowers
/// `log f_k` (that is, raises the loss `ℓ_k = −log softmax_k`), the direction in which the search
/// is adversarial. Their defaults are `α = 0.25`, `β = 0.2`, in the units of the inputs.
public struct CriticalSampleSearch: Sendable, Hashable, Codable {
    /// `r`: the L∞ radius around each example.
    public var radius: Double
    /// `α`: the size of the signed-gradient step.
    public var alpha: Double
    /// `β`: the standard deviation of the Gaussian noise added at each step.
    public var beta: Double
    /// The largest number of steps per example.
    public var iterations: Int

    /// A search configuration; the defaults are Arpit et al.'s `α` and `β`.
    public init(radius: Double, alpha: Double = 0.25, beta: Double = 0.2, iterations: Int = 10) {
        self.radius = radius
        self.alpha = alpha
        self.beta = beta
        self.iterations = iterations
    }

    /// Runs the search from every example of `data` (labels are not used: the reference is the
    /// model's own prediction at `x`).
    public func run(model: Model, data: LabeledData, rng: inout some RandomNumberGenerator,
                    batchSize: Int = 256) throws -> CriticalSampleResult {
        guard radius >= 0, alpha >= 0, beta >= 0, iterations >= 1 else {
            throw ProbeError.invalidArgument("critical-sample search needs radius, alpha, beta ≥ 0 and iterations ≥ 1")
        }
        try checkCompatible(model, data)
        let d = data.sampleSize
        var flips: [Int?] = []
        for range in try data.batchRanges(size: batchSize) {
            let x = data.batch(range).inputs                                      // (B, D)
            let b = range.count
            let reference = try Metrics.predictions(logits: try model.forward(x, training: false))
            var current = x
            var flippedAt = [Int?](repeating: nil, count: b)
            for step in 1...iterations {
                // ∂(−log softmax_k)/∂x̃ for each row's reference class k.
                let logits = try model.forward(current, training: false)
                let g = try model.backward(try perExampleLogitGradient(.crossEntropy, logits: logits, labels: reference))
                for i in 0..<b where flippedAt[i] == nil {
                    for j in 0..<d {
                        let k = i * d + j
                        let gradient = g.scalars[k]
                        let sign: Double = gradient > 0 ? 1 : (gradient < 0 ? -1 : 0)
                        var v = Double(current.scalars[k]) + alpha * sign + beta * drawStandardNormal(&rng)
                        let origin = Double(x.scalars[k])
                        v = min(max(v, origin - radius), origin + radius)
                        current.scalars[k] = Float(v)
                    }
                }
                let predicted = try Metrics.predictions(logits: try model.forward(current, training: false))
                for i in 0..<b where flippedAt[i] == nil && predicted[i] != reference[i] { flippedAt[i] = step }
                if flippedAt.allSatisfy({ $0 != nil }) { break }
            }
            flips += flippedAt
        }
        model.zeroGradients()
        return CriticalSampleResult(flipIterations: flips)
    }
}

/// What ``CriticalSampleSearch`` found, per example.
public struct CriticalSampleResult: Sendable, Hashable, Codable {
    /// For each example, the step at which its prediction changed, or nil if it never did.
    public let flipIterations: [Int?]

    /// Whether each example is critical (an adversarial example was found).
    public var critical: [Bool] { flipIterations.map { $0 != nil } }
    /// The share of critical examples.
    public var ratio: Double {
        flipIterations.isEmpty ? 0 : Double(flipIterations.filter { $0 != nil }.count) / Double(flipIterations.count)
    }
}
