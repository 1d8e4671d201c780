#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SAF's trajectory loss (Du et al. 2022): `λ τ² KL(softmax(z_past/τ) ‖ softmax(z/τ))` per example,
/// averaged over the batch, where `z_past` are the logits the same example received in its
/// training step `lag` epochs earlier (recorded during training, no extra pass). Nothing is added
/// in the first `lag` epochs.
///
/// Its logit gradient is `λ τ (q − q_past) / B` with `q = softmax(z/τ)` (the softened softmaxes
/// in Float64, rounded to Float32; the scale `λτ/B` in Float32).
public final class TrajectoryTerm: LogitGradientTerm {
    /// The weight λ.
    public let lambda: Double
    /// The temperature τ.
    public let tau: Double
    /// Epochs between the recorded and the current logits.
    public let lag: Int

    private var recorded: [FloatBuffer] = []   // lag + 1 epochs of logits, ring by epoch      (n, K) each
    private var epoch = 0
    private var exponentials: [Double] = []    // one softened row                           (K)
    private var q: [Float] = [], qPast: [Float] = []   //                                        (K)

    /// The term with weight `lambda`, temperature `tau` and `lag` ≥ 1 epochs.
    public init(lambda: Double, tau: Double, lag: Int) {
        self.lambda = lambda; self.tau = tau; self.lag = lag
    }

    public func prepare(trainingSetSize n: Int, classes k: Int, batchCapacity: Int) throws {
        guard lag >= 1 else { throw TrainingCoreError("TrajectoryTerm: lag must be at least 1, got \(lag)") }
        guard tau > 0 else { throw TrainingCoreError("TrajectoryTerm: tau must be positive, got \(tau)") }
        recorded = (0...lag).map { _ in FloatBuffer(count: n * k) }
        exponentials = [Double](repeating: 0, count: k)
        q = [Float](repeating: 0, count: k); qPast = q
        epoch = 0
    }

    public func beginEpoch(_ epoch: Int) { self.epoch = epoch }

    public func addGradient(logits: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                            labels: UnsafePointer<Int32>, examples: ArraySlice<Int>, classes k: Int,
                            learningRate: Double) {
        let current = recorded[epoch % (lag + 1)].pointer
        let past: UnsafeMutablePointer<Float>? = epoch >= lag ? recorded[(epoch - lag) % (lag + 1)].pointer : nil
        let scale = Float(lambda * tau / Double(examples.count))
        for (r, i) in examples.enumerated() {
            let z = logits + r * k
            (current + i * k).update(from: z, count: k)
            guard let past else { continue }
            softened(z, k, into: &q)
            softened(past + i * k, k, into: &qPast)
            for c in 0..<k { gradient[r * k + c] += scale * (q[c] - qPast[c]) }
        }
    }

    /// `softmax(z/τ)` of one row, in Float64, rounded to Float32.
    private func softened(_ z: UnsafePointer<Float>, _ k: Int, into out: inout [Float]) {
        var top = -Double.infinity
        for c in 0..<k { exponentials[c] = Double(z[c]) / tau; top = max(top, exponentials[c]) }
        var sum = 0.0
        for c in 0..<k { exponentials[c] = exp(exponentials[c] - top); sum += exponentials[c] }
        for c in 0..<k { out[c] = Float(exponentials[c] / sum) }
    }
}
