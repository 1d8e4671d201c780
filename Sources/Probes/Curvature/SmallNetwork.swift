import Foundation

/// A small fully connected network in Float64 with a softmax cross-entropy loss, for probes that
/// need exact second-order information (Sagun et al. 2017: Hessians of networks with 1–3k
/// parameters on Gaussian mixtures).
///
/// Shape legend: N examples, d inputs, layer widths `widths = [d, h₁, …, C]`, C classes.
/// Parameters are one flat array: for each layer `l`, its weights `W_l` `(out, in)` row-major,
/// then its biases `b_l` `(out)`. Hidden layers apply `activation`; the last layer gives logits.
/// The loss is the mean over examples of `−log softmax(z)_y`.
public struct SmallNetwork: Sendable {
    /// The hidden-layer non-linearity.
    public enum Activation: String, Sendable, Hashable, Codable {
        /// `tanh(z)`.
        case tanh
        /// `max(z, 0)`.
        case relu
    }

    /// `[d, h₁, …, C]`.
    public let widths: [Int]
    /// The hidden-layer non-linearity.
    public let activation: Activation
    /// All weights and biases, layer by layer (`W_l` then `b_l`).
    public var parameters: [Double]

    /// The number of weights and biases.
    public var parameterCount: Int { parameters.count }
    /// The input dimension `d`.
    public var inputSize: Int { widths[0] }
    /// The number of classes `C`.
    public var classes: Int { widths[widths.count - 1] }
    /// The number of weight layers.
    var layerCount: Int { widths.count - 1 }

    /// A network with the given parameters (layout as described on the type).
    /// - Throws: `ProbeError` unless there are ≥ 2 widths, all ≥ 1, ≥ 2 classes, and the right number of parameters.
    public init(widths: [Int], activation: Activation, parameters: [Double]) throws {
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }), widths.last! >= 2 else {
            throw ProbeError.invalidArgument("SmallNetwork needs widths [d, …, C] with every width ≥ 1 and C ≥ 2 (got \(widths))")
        }
        let expected = SmallNetwork.parameterCount(widths: widths)
        guard parameters.count == expected else {
            throw ProbeError.shapeMismatch("widths \(widths) need \(expected) parameters, got \(parameters.count)")
        }
        try checkFinite(parameters, "parameters")
        self.widths = widths
        self.activation = activation
        self.parameters = parameters
    }

    /// A freshly initialised network: weights `N(0, s²)` with `s² = 2/(in + out)` (Glorot) for tanh
    /// and `2/in` (He) for ReLU, biases zero.
    public init(widths: [Int], activation: Activation, rng: inout some RandomNumberGenerator) throws {
        guard widths.count >= 2, widths.allSatisfy({ $0 >= 1 }) else {
            throw ProbeError.invalidArgument("SmallNetwork needs widths [d, …, C] with every width ≥ 1 (got \(widths))")
        }
        var p: [Double] = []
        p.reserveCapacity(SmallNetwork.parameterCount(widths: widths))
        for l in 1..<widths.count {
            let fanIn = widths[l - 1], fanOut = widths[l]
            let variance = activation == .relu ? 2 / Double(fanIn) : 2 / Double(fanIn + fanOut)
            let s = variance.squareRoot()
            for _ in 0..<(fanIn * fanOut) { p.append(s * drawStandardNormal(&rng)) }
            p += [Double](repeating: 0, count: fanOut)
        }
        try self.init(widths: widths, activation: activation, parameters: p)
    }

    /// `Σ_l (in_l + 1) · out_l`.
    public static func parameterCount(widths: [Int]) -> Int {
        (1..<max(widths.count, 1)).reduce(0) { $0 + (widths[$1 - 1] + 1) * widths[$1] }
    }

    /// Where layer `l` (1-based) keeps its weights and biases in ``parameters``.
    func offsets(layer l: Int) -> (weights: Int, biases: Int) {
        var o = 0
        for k in 1..<l { o += (widths[k - 1] + 1) * widths[k] }
        return (o, o + widths[l - 1] * widths[l])
    }

    func weights(_ l: Int, in p: [Double]) -> [Double] {
        let o = offsets(layer: l)
        return Array(p[o.weights ..< o.biases])
    }

    // MARK: - Forward and backward

    /// What the forward pass keeps for the backward and R-passes.
    struct Pass: Sendable {
        /// `z_l` for l = 1…L, each `(N, widths[l])`; index 0 unused.
        var preActivations: [[Double]]
        /// `h_l` for l = 0…L−1 (h₀ = X), each `(N, widths[l])`.
        var activations: [[Double]]
        /// softmax of the logits `(N, C)`.
        var probabilities: [Double]
        /// The mean loss.
        var loss: Double
    }

    func forward(inputs x: [Double], labels: [Int]) throws -> Pass {
        let n = try validate(inputs: x, labels: labels)
        var z: [[Double]] = [[]], h: [[Double]] = [x]
        for l in 1...layerCount {
            let fanIn = widths[l - 1], fanOut = widths[l]
            let o = offsets(layer: l)
            var zl = [Double](repeating: 0, count: n * fanOut)             // (N, out)
            for i in 0..<n { for j in 0..<fanOut { zl[i * fanOut + j] = parameters[o.biases + j] } }
            matmulAdd(h[l - 1], weights(l, in: parameters), into: &zl, m: n, n: fanOut, k: fanIn, transposeB: true)
            z.append(zl)
            if l < layerCount { h.append(zl.map(activate)) }
        }
        let c = classes
        var p = z[layerCount]                                              // (N, C)
        var loss = 0.0
        for i in 0..<n {
            var top = -Double.infinity
            for j in 0..<c { top = max(top, p[i * c + j]) }
            var sum = 0.0
            for j in 0..<c { p[i * c + j] = exp(p[i * c + j] - top); sum += p[i * c + j] }
            for j in 0..<c { p[i * c + j] /= sum }
            loss -= z[layerCount][i * c + labels[i]] - top - log(sum)
        }
        return Pass(preActivations: z, activations: h, probabilities: p, loss: loss / Double(n))
    }

    /// Backward pass: the gradient, and the output deltas `δ_l = ∂L/∂z_l` `(N, widths[l])` per layer.
    func backward(_ pass: Pass, labels: [Int]) -> (gradient: [Double], deltas: [[Double]]) {
        let n = labels.count, c = classes
        var gradient = [Double](repeating: 0, count: parameterCount)
        var deltas = [[Double]](repeating: [], count: layerCount + 1)
        var delta = pass.probabilities                                     // (N, C): (p − onehot)/N
        for i in 0..<n { delta[i * c + labels[i]] -= 1 }
        for k in delta.indices { delta[k] /= Double(n) }
        for l in stride(from: layerCount, through: 1, by: -1) {
            let fanIn = widths[l - 1], fanOut = widths[l]
            let o = offsets(layer: l)
            deltas[l] = delta
            let gW = matmul(delta, pass.activations[l - 1], m: fanOut, n: fanIn, k: n, transposeA: true)  // (out, in)
            for k in 0..<(fanOut * fanIn) { gradient[o.weights + k] = gW[k] }
            for i in 0..<n { for j in 0..<fanOut { gradient[o.biases + j] += delta[i * fanOut + j] } }
            if l > 1 {
                var gh = matmul(delta, weights(l, in: parameters), m: n, n: fanIn, k: fanOut)   // (N, in)
                let h = pass.activations[l - 1], z = pass.preActivations[l - 1]
                for k in gh.indices { gh[k] *= derivative(z: z[k], h: h[k]) }
                delta = gh
            }
        }
        return (gradient, deltas)
    }

    /// The mean softmax cross-entropy on `inputs` `(N, d)` row-major with `labels` (N).
    public func loss(inputs: [Double], labels: [Int]) throws -> Double {
        try forward(inputs: inputs, labels: labels).loss
    }

    /// The mean loss and its gradient with respect to ``parameters`` (by backpropagation).
    public func lossAndGradient(inputs: [Double], labels: [Int]) throws -> (loss: Double, gradient: [Double]) {
        let pass = try forward(inputs: inputs, labels: labels)
        return (pass.loss, backward(pass, labels: labels).gradient)
    }

    /// The logits `(N, C)` for `inputs` `(N, d)`.
    public func logits(inputs: [Double]) throws -> [Double] {
        guard inputs.count % inputSize == 0 else {
            throw ProbeError.shapeMismatch("inputs has \(inputs.count) values, not a multiple of d = \(inputSize)")
        }
        let n = inputs.count / inputSize
        return try forward(inputs: inputs, labels: [Int](repeating: 0, count: n)).preActivations[layerCount]
    }

    /// The share of examples whose largest logit is their label.
    public func accuracy(inputs: [Double], labels: [Int]) throws -> Double {
        let predicted = argmaxRows(try logits(inputs: inputs), columns: classes)
        guard predicted.count == labels.count, !labels.isEmpty else {
            throw ProbeError.shapeMismatch("\(predicted.count) examples but \(labels.count) labels")
        }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    /// Full-batch gradient descent, `θ ← θ − η ∇L(θ)`, for `steps` steps.
    /// - Returns: the loss before each step.
    @discardableResult
    public mutating func trainGradientDescent(inputs: [Double], labels: [Int], learningRate: Double,
                                              steps: Int) throws -> [Double] {
        guard learningRate > 0, steps >= 0 else {
            throw ProbeError.invalidArgument("gradient descent needs learningRate > 0 and steps ≥ 0")
        }
        var losses: [Double] = []
        for step in 0..<steps {
            let (loss, g) = try lossAndGradient(inputs: inputs, labels: labels)
            guard loss.isFinite else { throw ProbeError.numerical("the loss diverged at step \(step)") }
            losses.append(loss)
            for k in parameters.indices { parameters[k] -= learningRate * g[k] }
        }
        return losses
    }

    // MARK: - Activations

    @inline(__always) func activate(_ z: Double) -> Double {
        switch activation {
        case .tanh: return Foundation.tanh(z)
        case .relu: return max(z, 0)
        }
    }

    /// σ′(z), written with h = σ(z) where that is cheaper.
    @inline(__always) func derivative(z: Double, h: Double) -> Double {
        switch activation {
        case .tanh: return 1 - h * h
        case .relu: return z > 0 ? 1 : 0
        }
    }

    /// σ″(z): −2h(1 − h²) for tanh, 0 for ReLU (almost everywhere).
    @inline(__always) func secondDerivative(z: Double, h: Double) -> Double {
        switch activation {
        case .tanh: return -2 * h * (1 - h * h)
        case .relu: return 0
        }
    }

    @discardableResult
    func validate(inputs: [Double], labels: [Int]) throws -> Int {
        let n = labels.count
        guard n > 0 else { throw ProbeError.invalidArgument("no examples") }
        try checkShape(inputs, rows: n, columns: inputSize, "inputs")
        if let bad = labels.first(where: { !(0..<classes).contains($0) }) {
            throw ProbeError.invalidArgument("label \(bad) is outside 0..<\(classes)")
        }
        return n
    }
}
