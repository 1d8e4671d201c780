/// Inverted dropout: in training, each value is kept with probability `1 − rate` and scaled by
/// `1/(1 − rate)`; in evaluation the layer is the identity. Masks come from the layer's own
/// generator, seeded from the model's generator at initialisation.
public final class Dropout: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// The probability of dropping each value.
    public let rate: Float
    private var rng = SeededGenerator(seed: 0)
    private var mask: FloatBuffer?        // (B, size): 0 or 1/(1 − rate)
    private var lastTraining = false
    /// When true (tests only), the next forward passes reuse the current mask.
    var freezeMask = false

    /// Dropout with the given drop probability in `[0, 1)`.
    public init(rate: Float, shape: [Int]) throws {
        guard rate >= 0, rate < 1 else { throw TrainingCoreError("Dropout: rate must lie in [0, 1), got \(rate)") }
        self.rate = rate
        inputShape = shape
    }

    public var description: String { "Dropout(\(rate))" }

    public func initialize(using rng: inout SeededGenerator) { self.rng = rng.fork() }

    public func reserve(batch: Int) { _ = ensure(&mask, count: batch * inputSize) }

    // y = x ⊙ m, m_i = [u_i ≥ rate] / (1 − rate)
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let n = batch * inputSize
        lastTraining = training && rate > 0
        guard lastTraining else { y.update(from: x, count: n); return }
        let m = ensure(&mask, count: n).pointer
        if !freezeMask {
            let keep = 1 / (1 - rate)
            for i in 0..<n { m[i] = rng.nextFloat() >= rate ? keep : 0 }
        }
        for i in 0..<n { y[i] = x[i] * m[i] }
    }

    // dx = dy ⊙ m (training) or dy (evaluation)
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard let dx else { return }
        let n = batch * inputSize
        guard lastTraining, let m = mask?.pointer else { dx.update(from: dy, count: n); return }
        for i in 0..<n { dx[i] = dy[i] * m[i] }
    }
}
