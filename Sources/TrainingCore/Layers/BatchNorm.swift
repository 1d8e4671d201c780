/// Batch normalisation (Ioffe & Szegedy 2015) over the channels of `(C)` or `(C, H, W)` inputs.
///
/// Training: per channel, `μ, σ²` over the batch (and positions), `x̂ = (x − μ)/√(σ² + ε)`,
/// `y = γ x̂ + β`; running statistics move by `momentum` (PyTorch convention, unbiased running
/// variance). Evaluation: the running statistics replace the batch ones. Parameters: `γ` then `β`.
/// Running statistics are state, not parameters (they are not in the flat parameter array).
public final class BatchNorm: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    public let epsilon: Float
    public let momentum: Float
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
    public init(shape: [Int], epsilon: Float = 1e-5, momentum: Float = 0.1) throws {
        guard shape.count == 1 || shape.count == 3, shape.allSatisfy({ $0 > 0 }) else {
            throw TrainingCoreError("BatchNorm: shape must be [C] or [C, H, W], got \(shape)")
        }
        inputShape = shape
        channels = shape[0]
        positions = shape.dropFirst().reduce(1, *)
        self.epsilon = epsilon; self.momentum = momentum
        runningMeans = FloatBuffer(count: channels)
        runningVariances = FloatBuffer(count: channels)
        runningVariances.pointer.update(repeating: 1, count: channels)
        mean = FloatBuffer(count: channels); inverseStd = FloatBuffer(count: channels)
    }

    public var description: String { "BatchNorm(\(channels))" }
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
        lastTraining = training
        WorkerTeam.split(channels, minimumPerThread: max(1, BatchNorm.valuesPerThread / max(1, batch * positions)),
                         alignment: 1, Pass(layer: self, x: x, y: y, dy: nil, dx: nil, batch: batch, blend: .overwrite))
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        WorkerTeam.split(channels, minimumPerThread: max(1, BatchNorm.valuesPerThread / max(1, batch * positions)),
                         alignment: 1, Pass(layer: self, x: x, y: UnsafeMutablePointer(mutating: y), dy: dy, dx: dx, batch: batch, blend: blend))
    }

    /// The forward (`dy` nil) or backward pass over a range of channels.
    private struct Pass: ChunkWork {
        let layer: BatchNorm, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
        let dy: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend
        func run(_ range: Range<Int>) {
            for c in range {
                if let dy { layer.backward(channel: c, x: x, dy: dy, dx: dx, batch: batch, blend: blend) }
                else { layer.forward(channel: c, x: x, y: y, batch: batch) }
            }
        }
    }

    private func forward(channel c: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int) {
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
        let g = gamma[c] * inv, b = beta[c] - gamma[c] * inv * mu
        for n in 0..<batch {
            let p = x + (n * channels + c) * s, q = y + (n * channels + c) * s
            for t in 0..<s { q[t] = g * p[t] + b }
        }
    }

    // dγ = Σ dy·x̂,  dβ = Σ dy;
    // training:   dx = (γ·inv/N) (N·dy − Σdy − x̂·Σ(dy·x̂))   (N = B·S)
    // evaluation: dx = γ·inv·dy
    private func backward(channel c: Int, x: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                          dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let s = positions, count = Float(batch * s)
        let mu = mean.pointer[c], inv = inverseStd.pointer[c]
        var sdy: Float = 0, sdyx: Float = 0
        for n in 0..<batch {
            let p = x + (n * channels + c) * s, d = dy + (n * channels + c) * s
            sdy += Kernels.sum(d, s)
            sdyx += Kernels.centredDot(d, p, s, centre: mu) * inv
        }
        dGamma[c] = (blend.keep == 0 ? 0 : blend.keep * dGamma[c]) + blend.scale * sdyx
        dBeta[c] = (blend.keep == 0 ? 0 : blend.keep * dBeta[c]) + blend.scale * sdy
        guard let dx else { return }
        let g = gamma[c] * inv
        for n in 0..<batch {
            let p = x + (n * channels + c) * s, d = dy + (n * channels + c) * s, o = dx + (n * channels + c) * s
            if lastTraining {
                let a = g / count
                for t in 0..<s { o[t] = a * (count * d[t] - sdy - (p[t] - mu) * inv * sdyx) }
            } else {
                for t in 0..<s { o[t] = g * d[t] }
            }
        }
    }
}
