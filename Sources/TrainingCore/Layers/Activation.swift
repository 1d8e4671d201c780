#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An element-wise non-linearity. Its derivative is written in terms of the output `y = f(z)`,
/// so the backward pass needs only the stored output.
public enum Activation: String, Codable, Hashable, Sendable, CaseIterable {
    case identity, relu, tanh, sigmoid

    /// `y = f(y)` in place over `count` values.
    @inline(__always)
    func apply(_ y: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity: break
        case .relu: for i in 0..<count { y[i] = max(y[i], 0) }
        case .tanh: for i in 0..<count { y[i] = tanhf(y[i]) }
        case .sigmoid: for i in 0..<count { y[i] = Activation.sigmoid(y[i]) }
        }
    }

    /// `d ← d · f′(z)` where `f′` is expressed through `y = f(z)`:
    /// relu `[y > 0]`, tanh `1 − y²`, sigmoid `y(1 − y)`.
    @inline(__always)
    func multiplyDerivative(_ d: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>,
                            into out: UnsafeMutablePointer<Float>, count: Int) {
        switch self {
        case .identity: if out != d { out.update(from: d, count: count) }
        case .relu: for i in 0..<count { let di = d[i]; out[i] = y[i] > 0 ? di : 0 }  // unconditional load: vectorizes
        case .tanh: for i in 0..<count { out[i] = d[i] * (1 - y[i] * y[i]) }
        case .sigmoid: for i in 0..<count { out[i] = d[i] * y[i] * (1 - y[i]) }
        }
    }

    /// The logistic function, computed without overflow for large |z|.
    @inline(__always)
    static func sigmoid(_ z: Float) -> Float {
        if z >= 0 { return 1 / (1 + expf(-z)) }
        let e = expf(z)
        return e / (1 + e)
    }
}
