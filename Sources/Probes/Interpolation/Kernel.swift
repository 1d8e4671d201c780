import Foundation

/// A positive-definite kernel `k(x, x′)` on real vectors.
public enum Kernel: Sendable, Hashable, Codable {
    /// `⟨x, x′⟩`.
    case linear
    /// `(⟨x, x′⟩ / scale + offset)^degree`.
    case polynomial(degree: Int, scale: Double, offset: Double)
    /// `exp(−‖x − x′‖² / (2 bandwidth²))` (the Gaussian or RBF kernel).
    case gaussian(bandwidth: Double)

    /// The kernel matrix `K[i, j] = k(aᵢ, bⱼ)` for `a` `(m, d)` and `b` `(n, d)`, row-major `(m, n)`.
    /// Inner products go through one `dgemm`.
    public func matrix(_ a: [Double], _ b: [Double], dimension d: Int) throws -> [Double] {
        guard d > 0, a.count % d == 0, b.count % d == 0 else {
            throw ProbeError.shapeMismatch("kernel inputs of \(a.count) and \(b.count) values are not rows of d = \(d)")
        }
        let m = a.count / d, n = b.count / d
        var k = matmul(a, b, m: m, n: n, k: d, transposeB: true)   // ⟨aᵢ, bⱼ⟩ (m, n)
        switch self {
        case .linear:
            break
        case let .polynomial(degree, scale, offset):
            guard degree >= 1, scale > 0 else {
                throw ProbeError.invalidArgument("polynomial kernel needs degree ≥ 1 and scale > 0")
            }
            for i in k.indices { k[i] = pow(k[i] / scale + offset, Double(degree)) }
        case let .gaussian(bandwidth):
            guard bandwidth > 0 else { throw ProbeError.invalidArgument("Gaussian kernel needs bandwidth > 0") }
            let na = squaredRowNorms(a, dimension: d), nb = squaredRowNorms(b, dimension: d)
            let scale = -1 / (2 * bandwidth * bandwidth)
            for i in 0..<m {
                for j in 0..<n {
                    let distance = max(na[i] + nb[j] - 2 * k[i * n + j], 0)
                    k[i * n + j] = exp(scale * distance)
                }
            }
        }
        return k
    }

    private func squaredRowNorms(_ a: [Double], dimension d: Int) -> [Double] {
        (0..<(a.count / d)).map { i in
            var s = 0.0
            for j in 0..<d { s += a[i * d + j] * a[i * d + j] }
            return s
        }
    }
}
