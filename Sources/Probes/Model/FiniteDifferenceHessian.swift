import TrainingCore

/// Hessian-vector products of any core `Model` (convolutions included) by central differences
/// of its mean-loss gradient: `H v ≈ (∇L(θ + εv̂) − ∇L(θ − εv̂)) / (2ε) · ‖v‖`, with `v̂ = v/‖v‖`.
///
/// The gradients are Float32, so the product carries a rounding error of order
/// `u·‖∇L‖/ε` (u ≈ 6e-8) besides the `O(ε²)` truncation error; ε = 1e-2 balances them for
/// typical small networks (against the exact Float64 product on a small tanh MLP: relative
/// error ≈ 2e-5, tested < 1e-3).
/// Use the exact ``SmallNetwork`` operator when the model is a plain MLP.
public struct FiniteDifferenceHessian {
    /// The model whose parameters are perturbed (and restored after each product).
    public let model: Model
    /// The data set the loss averages over (evaluation mode).
    public let data: LabeledData
    /// The training loss.
    public let loss: Loss
    /// The step `ε` along the unit direction.
    public let epsilon: Double
    /// The batch size for the gradient passes.
    public let batchSize: Int

    /// An operator over `model` and `data`.
    public init(model: Model, data: LabeledData, loss: Loss = .crossEntropy, epsilon: Double = 1e-2,
                batchSize: Int = 512) throws {
        try checkCompatible(model, data)
        guard epsilon > 0 else { throw ProbeError.invalidArgument("epsilon must be positive") }
        self.model = model
        self.data = data
        self.loss = loss
        self.epsilon = epsilon
        self.batchSize = batchSize
    }

    /// `H v`, in the layout of `model.flatParameters()`.
    public func product(_ v: [Double]) throws -> [Double] {
        guard v.count == model.parameterCount else {
            throw ProbeError.shapeMismatch("vector has \(v.count) values, the model \(model.parameterCount) parameters")
        }
        let length = norm2(v)
        if length == 0 { return v }
        let theta = model.flatParameters()
        defer { try? model.setFlatParameters(theta) }
        func gradient(_ sign: Double) throws -> [Double] {
            try model.setFlatParameters((0..<theta.count).map { theta[$0] + Float(sign * epsilon * v[$0] / length) })
            return try meanGradient()
        }
        let plus = try gradient(1), minus = try gradient(-1)
        return (0..<plus.count).map { (plus[$0] - minus[$0]) / (2 * epsilon) * length }
    }

    /// The `count` largest Hessian eigenvalues (descending) by `iterations` Lanczos steps over
    /// ``product(_:)`` (2 gradient passes over the data per step).
    public func topEigenvalues(count: Int, iterations: Int = 30,
                               rng: inout some RandomNumberGenerator) throws -> [Double] {
        let result = try Lanczos.eigenvalues(dimension: model.parameterCount, iterations: iterations, rng: &rng) {
            try product($0)
        }
        return Array(result.values.prefix(count))
    }

    /// `∇L(θ)` of the mean loss over `data`, accumulated batch by batch in Float64.
    func meanGradient() throws -> [Double] {
        var total = [Double](repeating: 0, count: model.parameterCount)
        for range in try data.batchRanges(size: batchSize) {
            let (x, y) = data.batch(range)
            model.zeroGradients()
            let logits = try model.forward(x, training: false)
            _ = try model.backward(try loss.gradient(logits: logits, labels: y))   // batch mean
            let weight = Double(range.count) / Double(data.count)
            for (k, g) in model.flatGradients().enumerated() { total[k] += weight * Double(g) }
        }
        model.zeroGradients()
        return total
    }
}
