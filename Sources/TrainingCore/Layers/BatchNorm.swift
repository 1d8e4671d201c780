/// Batch normalisation (Ioffe & Szegedy 2015) over the channels of `(C)` or `(C, H, W)` inputs.
///
/// Training: per channel, `μ, σ²` over the batch (and positions), `x̂ = (x − μ)/√(σ² + ε)`,
/// `y = γ x̂ + β`; running statistics move by `momentum` (PyTorch convention, unbiased running
/// variance). Evaluation: the running statistics replace the batch ones. Parameters: `γ` then `β`.
/// Running statistics are state, not parameters (they are not in the flat parameter array).
/// An `activation` may follow in the same passes (`y = f(γ x̂ + β)`): the same numbers as a
/// separate `ActivationLayer`, one pass over the activations fewer each way.
public final class BatchNorm: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public let epsilon: Float
    public let momentum: Float
    /// The non-linearity applied to the normalised output (`.identity`: none).
    public let activation: Activation
    let channels: Int, positions: Int

    private var gamma: UnsafeMutablePointer<Float>!, beta: UnsafeMutablePointer<Float>!
    private var dGamma: UnsafeMutablePointer<Float>!, dBeta: UnsafeMutablePointer<Float>!
    /// Running mean and variance, per channel.
    public var runningMean: [Float] { Array(runningMeans.buffer) }
    public var runningVariance: [Float] { Array(runningVariances.buffer) }
    private let runningMeans: FloatBuffer, runningVariances: FloatBuffer
    private let mean: FloatBuffer, inverseStd: FloatBuffer     // (C) of the last forward
    private var lastTraining = false

    /// Batch normalisation for inputs of shape `[C]` or `[C, H, W]`.
    public init(shape: [Int], epsilon: Float = 1e-5, momentum: Float = 0.1, activation: Activation = .identity) throws {
        guard shape.count == 1 || shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw TrainingCoreError("BatchNorm: shape must be [C] or [C, H, W], got \(shape)")
        }
        inputShape = shape
        channels = shape[0]
        positions = shape.dropFirst().reduce(1, *)
        self.epsilon = epsilon; self.momentum = momentum; self.activation = activation
        runningMeans = FloatBuffer(count: channels)
        runningVariances = FloatBuffer(count: channels)
        runningVariances.pointer.update(repeating: 1, count: channels)
        mean = FloatBuffer(count: channels); inverseStd = FloatBuffer(count: channels)
    }

    public var description: String { activation == .identity ? "BatchNorm(\(channels))" : "BatchNorm(\(channels), \(activation))" }
    public var parameterCount: Int { 2 * channels }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        gamma = parameters; beta = parameters + channels
        dGamma = gradients; dBeta = gradients + channels
    }

    public func initialize(using rng: inout SeededGenerator) {
        gamma.update(repeating: 1, count: channels)
        beta.update(repeating: 0, count: channels)
        runningMeans.pointer.update(repeating: 0, count: channels)
        runningVariances.pointer.update(repeating: 1, count: channels)
    }

    /// The least number of values worth a thread of their own.
    static let valuesPerThread = 16_384

    /// Example `n`, channel `c` starts at `(n·C + c)·S` (S = positions per channel). Channels are
    /// independent, so they are split across the worker team; each channel's sums run in a fixed
    /// order (eight lanes per row, rows in order), whatever the thread count.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        forward(x, y, outputStride: inputSize, batch: batch, training: training)
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        backward(x: x, y: y, dy: dy, outputStride: inputSize, dx: dx, batch: batch, blend: blend)
    }

    /// The forward (`dy` nil) or backward pass over a range of channels; example `n`'s output (and
    /// output gradient) row starts at `n · outputStride`.
    private struct Pass: ChunkWork {
        let layer: BatchNorm, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, outputStride: Int
        let dy: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend
        func run(_ range: Range<Int>) {
            for c in range {
                if let dy { layer.backward(channel: c, x: x, y: y, dy: dy, outputStride: outputStride, dx: dx, batch: batch, blend: blend) }
                else { layer.forward(channel: c, x: x, y: y, outputStride: outputStride, batch: batch) }
            }
        }
    }

    private func forward(channel c: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, outputStride: Int, batch: Int) {
        let s = positions, count = Double(batch * s)
        var mu: Float, inv: Float
        if lastTraining {
            var sum = 0.0
            for n in 0..<batch { sum += Double(Kernels.sum(x + (n * channels + c) * s, s)) }
            let m = Float(sum / count)
            var sq = 0.0
            for n in 0..<batch { sq += Double(Kernels.squaredDeviation(x + (n * channels + c) * s, s, from: m)) }
            let variance = sq / count
            mu = m
            inv = Float(1 / (variance + Double(epsilon)).squareRoot())
            let unbiased = count > 1 ? variance * count / (count - 1) : variance
            runningMeans.pointer[c] = (1 - momentum) * runningMeans.pointer[c] + momentum * mu
            runningVariances.pointer[c] = (1 - momentum) * runningVariances.pointer[c] + momentum * Float(unbiased)
        } else {
            mu = runningMeans.pointer[c]
            inv = 1 / (runningVariances.pointer[c] + epsilon).squareRoot()
        }
        mean.pointer[c] = mu; inverseStd.pointer[c] = inv
        let (g, b) = affine(channel: c)
        for n in 0..<batch {
            let p = x + (n * channels + c) * s, q = y + n * outputStride + c * s
            switch activation {
            case .identity: for t in 0..<s { q[t] = g * p[t] + b }
            case .relu: for t in 0..<s { q[t] = max(g * p[t] + b, 0) }
            default: for t in 0..<s { q[t] = g * p[t] + b }; activation.apply(q, count: s)
            }
        }
    }

    /// Channel `c`'s output as `y = g·x + b` (before the activation), from the last forward's statistics.
    @inline(__always)
    private func affine(channel c: Int) -> (g: Float, b: Float) {
        let mu = mean.pointer[c], inv = inverseStd.pointer[c]
        return (gamma[c] * inv, beta[c] - gamma[c] * inv * mu)
    }

    // dγ = Σ dy·x̂,  dβ = Σ dy;
    // training:   dx = (γ·inv/N) (N·dy − Σdy − x̂·Σ(dy·x̂))   (N = B·S)
    // evaluation: dx = γ·inv·dy
    // With an activation, dy ← dy ⊙ f′ first (as the separate layer would). For ReLU the derivative
    // [g·x + b > 0] is recomputed from x in both passes, the same comparison as the forward's
    // max(g·x + b, 0), instead of reading y and writing the masked dy (fewer passes over memory).
    private func backward(channel c: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                          outputStride: Int, dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let s = positions, count = Float(batch * s)
        let mu = mean.pointer[c], inv = inverseStd.pointer[c]
        let relu: (g: Float, b: Float)? = activation == .relu ? affine(channel: c) : nil
        var sdy: Float = 0, sdyx: Float = 0
        for n in 0..<batch {
            let p = x + (n * channels + c) * s, d = dy + n * outputStride + c * s
            if activation != .identity && activation != .relu {
                activation.multiplyDerivative(d, output: y + n * outputStride + c * s, into: d, count: s)
            }
            let sums = Kernels.sumAndCentredDot(d, p, s, centre: mu, reluOf: relu)
            sdy += sums.sum
            sdyx += sums.dot * inv
        }
        dGamma[c] = (blend.keep == 0 ? 0 : blend.keep * dGamma[c]) + blend.scale * sdyx
        dBeta[c] = (blend.keep == 0 ? 0 : blend.keep * dBeta[c]) + blend.scale * sdy
        guard let dx else { return }
        let g = gamma[c] * inv, a = g / count
        for n in 0..<batch {
            let p = x + (n * channels + c) * s, d = dy + n * outputStride + c * s, o = dx + (n * channels + c) * s
            if lastTraining {
                Kernels.batchNormInputGradient(o, d, p, s, a: a, count: count, sumD: sdy, centre: mu, inv: inv, sumDxhat: sdyx,
                                               reluOf: relu)
            } else if let r = relu {
                for t in 0..<s { o[t] = g * Kernels.reluGate(d[t], input: p[t], g: r.g, b: r.b) }
            } else {
                for t in 0..<s { o[t] = g * d[t] }
            }
        }
    }
}

extension BatchNorm: ConcatenationSlotWriter {
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, outputStride: Int, batch: Int, training: Bool) {
        lastTraining = training
        WorkerTeam.split(channels, minimumPerThread: max(1, BatchNorm.valuesPerThread / max(1, batch * positions)), alignment: 1,
                         Pass(layer: self, x: x, y: y, outputStride: outputStride, dy: nil, dx: nil, batch: batch, blend: .overwrite))
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>, outputStride: Int,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        WorkerTeam.split(channels, minimumPerThread: max(1, BatchNorm.valuesPerThread / max(1, batch * positions)), alignment: 1,
                         Pass(layer: self, x: x, y: UnsafeMutablePointer(mutating: y), outputStride: outputStride, dy: dy, dx: dx,
                              batch: batch, blend: blend))
    }
}
