#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The running state of an optimizer over a model's flat parameter array (momentum, moments).
///
/// Each update is one fused pass over `(w, g, state)` with no allocation.
final class Optimizer {
    let config: OptimizerConfig
    private let count: Int
    private let first: FloatBuffer     // SGD velocity v, or Adam's first moment m   (P)
    private let second: FloatBuffer?   // Adam's second moment v                      (P)
    private var t = 0

    init(_ config: OptimizerConfig, parameterCount: Int) {
        self.config = config
        count = parameterCount
        first = FloatBuffer(count: parameterCount)
        if case .adam = config { second = FloatBuffer(count: parameterCount) } else { second = nil }
    }

    /// One update of `w (P)` along `g (P)` at learning rate `lr` (the schedule already applied).
    func step(parameters w: UnsafeMutablePointer<Float>, gradients g: UnsafeMutablePointer<Float>,
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
        }
    }
}
