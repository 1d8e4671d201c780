#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running state of an optimizer over a model's flat parameter array (momentum, moments).
///
/// Heavy-ball SGD (with or without momentum, not Nesterov) runs *fused*: the backward pass adds
/// the scaled gradient straight into the velocity buffer `u = −lr·v` from the weight-gradient GEMM
/// (`u ← u − lr·g`, GEMM's `alpha` with `beta = 1`), and the step is one pass `w ← w + u;
/// u ← k·u` with `k = μ·lr_next/lr` (plus `u ← u − lr·λ·w` first when there is weight decay). This
/// is the same update as PyTorch's `v ← μv + g + λw; w ← w − lr·v`, rearranged so that a step
/// makes one pass over memory instead of three: scaling `u` while it is read anyway spares
/// OpenBLAS a separate `beta` pass over the weight gradient. The scaling is the same single Float
/// multiplication the `beta` pass did (the trainer passes the next step's learning rate, which
/// differs at the epoch boundaries of a schedule), so with OpenBLAS's general kernels the weights
/// come out bit for bit as with the `beta` pass; its small-matrix kernels on AVX-512 CPUs round
/// `beta·c` inside the product differently.
/// With `k = 0` (no momentum) the pass only adds, and the next GEMM overwrites `u` (`beta = 0`).
/// Other optimizers read the plain gradient and update in one fused loop. No step allocates.
/// Experiment kinds that compute their own update direction drive it through
/// ``step(parameters:gradients:learningRate:)``.
public final class Optimizer {
    let config: OptimizerConfig
    private let count: Int
    private let first: FloatBuffer     // u = −lr·v (fused SGD), or Adam's first moment m   (P)
    private let second: FloatBuffer?   // Adam's second moment v                            (P)
    private var t = 0
    /// Fused SGD: GEMM's `beta` for the next gradient, 1 once `u` holds `k·u` (see above), 0 when
    /// `k = 0` (nothing to keep).
    private var nextKeep: Float = 1

    private let allowFusion: Bool

    /// State for `config` (SAM and winsorized SGD pass their base SGD here, with fusion off; code
    /// outside the training loop passes `allowFusion: false` and calls the plain-gradient step).
    public init(_ config: OptimizerConfig, parameterCount: Int, allowFusion: Bool = true) {
        self.config = config
        self.allowFusion = allowFusion
        count = parameterCount
        first = FloatBuffer(count: parameterCount)
        if case .adam = config { second = FloatBuffer(count: parameterCount) } else { second = nil }
    }

    /// True when backward writes into the optimizer's own buffer (see the type's summary).
    var isFused: Bool {
        if allowFusion, case .sgd(let s) = config { return !s.nesterov }
        return false
    }

    /// Where backward must write parameter gradients this step, and how.
    func gradientTarget(model: Model, learningRate lr: Double) -> (UnsafeMutablePointer<Float>, GradientBlend) {
        guard isFused else { return (model.gradients.pointer, .overwrite) }
        // u already holds k·u from the last step (zero before the first), so −lr·g goes on top.
        return (first.pointer, GradientBlend(scale: Float(-lr), keep: nextKeep))
    }

    /// Finishes a step whose gradients went to `gradientTarget(model:learningRate:)`;
    /// `next` is the learning rate of the step after this one (it sets the velocity's scale).
    func step(model: Model, learningRate lr: Double, nextLearningRate next: Double) {
        let w = model.parameters.pointer
        if case .sgd(let s) = config, isFused {
            let u = first.pointer
            if s.weightDecay != 0 { BLAS.saxpy(count, alpha: Float(-lr * s.weightDecay), w, u) }  // u ← u − lr·λ·w
            // u holds −lr·v; the next step needs μ·(−next·v) = (μ·next/lr)·u before its gradient.
            var keep = s.momentum
            if lr != 0 { keep *= next / lr }
            let k = Float(keep)
            if k == 0 {
                BLAS.saxpy(count, alpha: 1, u, w)                                                  // w ← w + u
            } else {
                WorkerTeam.split(count, minimumPerThread: BLAS.elementsPerThread,
                                 MomentumStep(w: w, u: u, keep: k))                                 // w ← w + u; u ← k·u
            }
            nextKeep = k == 0 ? 0 : 1
        } else {
            step(parameters: w, gradients: model.gradients.pointer, learningRate: lr)
        }
        model.applyMask()
    }

    /// One update of `w (P)` along the plain gradient `g (P)` at learning rate `lr` (SGD with
    /// momentum or Nesterov, or Adam; the learning rate in `config` is not used here).
    public func step(parameters w: UnsafeMutablePointer<Float>, gradients g: UnsafePointer<Float>,
                     learningRate lr: Double) {
        t += 1
        switch config {
        case .sgd(let s):
            let lr = Float(lr), mu = Float(s.momentum), wd = Float(s.weightDecay)
            let v = first.pointer
            if mu == 0 {
                // w ← w − lr (g + λw)
                for i in 0..<count { w[i] -= lr * (g[i] + wd * w[i]) }
            } else if s.nesterov {
                // v ← μv + (g + λw);  w ← w − lr (g + λw + μv)
                for i in 0..<count {
                    let gi = g[i] + wd * w[i]
                    let vi = mu * v[i] + gi
                    v[i] = vi
                    w[i] -= lr * (gi + mu * vi)
                }
            } else {
                // v ← μv + (g + λw);  w ← w − lr v
                for i in 0..<count {
                    let vi = mu * v[i] + g[i] + wd * w[i]
                    v[i] = vi
                    w[i] -= lr * vi
                }
            }
        case .adam(let a):
            // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − lr·m̂ / (√v̂ + ε)  (bias-corrected)
            let b1 = Float(a.beta1), b2 = Float(a.beta2), eps = Float(a.epsilon), wd = Float(a.weightDecay)
            let c1 = Float(1 - pow(a.beta1, Double(t))), c2 = Float(1 - pow(a.beta2, Double(t)))
            let step = Float(lr) / c1
            let m = first.pointer, v = second!.pointer
            for i in 0..<count {
                let gi = g[i] + wd * w[i]
                let mi = b1 * m[i] + (1 - b1) * gi
                let vi = b2 * v[i] + (1 - b2) * gi * gi
                m[i] = mi; v[i] = vi
                w[i] -= step * mi / ((vi / c2).squareRoot() + eps)
            }
        case .sam, .sgld, .winsorized:
            preconditionFailure("Optimizer.step: \(config) is driven by TrainingStep")
        }
    }

    /// `w ← w + u; u ← keep·u` over a range of parameters.
    struct MomentumStep: ChunkWork {
        let w: UnsafeMutablePointer<Float>, u: UnsafeMutablePointer<Float>, keep: Float
        func run(_ range: Range<Int>) {
            let wr = UnsafeMutableRawPointer(w), ur = UnsafeMutableRawPointer(u)
            var i = range.lowerBound
            while i + 16 <= range.upperBound {
                let ui = ur.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Float>.self)
                let wi = wr.loadUnaligned(fromByteOffset: 4 * i, as: SIMD16<Float>.self)
                wr.storeBytes(of: wi + ui, toByteOffset: 4 * i, as: SIMD16<Float>.self)
                ur.storeBytes(of: ui * keep, toByteOffset: 4 * i, as: SIMD16<Float>.self)
                i += 16
            }
            while i < range.upperBound {
                w[i] += u[i]
                u[i] *= keep
                i += 1
            }
        }
    }
}
