#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running state of an optimizer over a model's flat parameter array (momentum, moments).
///
/// Heavy-ball SGD (with or without momentum, not Nesterov) runs *fused*: the backward pass writes
/// the scaled velocity `u = −lr·v` straight from the weight-gradient GEMM (`u ← μu − lr·g`, as
/// GEMM's `alpha`/`beta`), and the step is one threaded `w ← w + u` (plus `u ← u − lr·λ·w` first
/// when there is weight decay). This is the same update as PyTorch's `v ← μv + g + λw;
/// w ← w − lr·v`, rearranged so the step makes one pass over memory instead of three.
/// (OpenBLAS's threaded saxpy measured faster for `w ← w + u` than splitting it across
/// `WorkerTeam`: its threads are still running from the GEMM that wrote `u`.)
/// Other optimizers read the plain gradient and update in one fused loop. No step allocates.
/// Experiment kinds that compute their own update direction drive it through
/// ``step(parameters:gradients:learningRate:)``.
public final class Optimizer {
    let config: OptimizerConfig
    private let count: Int
    private let first: FloatBuffer     // u = −lr·v (fused SGD), or Adam's first moment m   (P)
    private let second: FloatBuffer?   // Adam's second moment v                            (P)
    private var t = 0
    private var lastLearningRate: Double?

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
        guard case .sgd(let s) = config, isFused else { return (model.gradients.pointer, .overwrite) }
        // u holds −lr_old·v; bring it to −lr·v by folding lr/lr_old into GEMM's beta.
        var keep = s.momentum
        if let old = lastLearningRate, old != 0 { keep *= lr / old }
        lastLearningRate = lr
        return (first.pointer, GradientBlend(scale: Float(-lr), keep: Float(keep)))
    }

    /// Finishes a step whose gradients went to `gradientTarget(model:learningRate:)`.
    func step(model: Model, learningRate lr: Double) {
        let w = model.parameters.pointer
        if case .sgd(let s) = config, isFused {
            let u = first.pointer
            if s.weightDecay != 0 { BLAS.saxpy(count, alpha: Float(-lr * s.weightDecay), w, u) }  // u ← u − lr·λ·w
            BLAS.saxpy(count, alpha: 1, u, w)                                                      // w ← w + u
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
}
