import Foundation
import TrainingCore

extension SmallNetwork {
    /// The neural tangent kernel of a one-hidden-layer network at its current parameters, averaged
    /// over the outputs: `K(x, x') = (1/C) Σ_c ⟨∇_θ f_c(x), ∇_θ f_c(x')⟩` for `m` points `(m, d)`.
    ///
    /// With `z = W₁x + b₁`, `φ = act(z)` and output weights `W₂ (C, h)`, the gradient of `f_c`
    /// holds `φ` (row c of `W₂`), 1 (bias c), and `W₂[c, j] act′(z_j) · (x, 1)` (row j of `W₁`, `b₁`),
    /// so `K(x, x') = ⟨φ, φ′⟩ + 1 + (⟨x, x′⟩ + 1) Σ_j v̄_j act′(z_j) act′(z′_j)` with
    /// `v̄_j = (1/C) Σ_c W₂[c, j]²`. Returns `(m, m)` row-major.
    public func tangentKernel(inputs x: [Double]) throws -> [Double] {
        guard widths.count == 3 else {
            throw ProbeError.invalidArgument("tangentKernel needs one hidden layer (widths [d, h, C]), got \(widths)")
        }
        let d = widths[0], h = widths[1], c = widths[2]
        guard x.count % d == 0, !x.isEmpty else {
            throw ProbeError.shapeMismatch("inputs has \(x.count) values, not a positive multiple of d = \(d)")
        }
        let m = x.count / d
        let (w1, b1) = offsets(layer: 1), (w2, _) = offsets(layer: 2)
        let weights1 = Array(parameters[w1 ..< w1 + h * d])
        var z = matmul(x, weights1, m: m, n: h, k: d, transposeB: true)     // (m, h)
        for i in 0..<m { for j in 0..<h { z[i * h + j] += parameters[b1 + j] } }
        var phi = z, slope = z                                             // act(z), act′(z) (m, h)
        for i in z.indices {
            switch activation {
            case .relu: phi[i] = max(z[i], 0); slope[i] = z[i] > 0 ? 1 : 0
            case .tanh: phi[i] = Foundation.tanh(z[i]); slope[i] = 1 - phi[i] * phi[i]
            }
        }
        var meanSquare = [Double](repeating: 0, count: h)                  // v̄ (h)
        for k in 0..<c { for j in 0..<h { meanSquare[j] += parameters[w2 + k * h + j] * parameters[w2 + k * h + j] / Double(c) } }
        var scaled = slope                                                 // act′(z) · v̄ (m, h)
        for i in 0..<m { for j in 0..<h { scaled[i * h + j] *= meanSquare[j] } }
        var kernel = matmul(phi, phi, m: m, n: m, k: h, transposeB: true)
        let hidden = matmul(scaled, slope, m: m, n: m, k: h, transposeB: true)
        let gram = matmul(x, x, m: m, n: m, k: d, transposeB: true)
        for i in kernel.indices { kernel[i] += 1 + (gram[i] + 1) * hidden[i] }
        return kernel
    }
}

/// The supervision complexity of targets for a kernel (after Harutyunyan et al. 2023): how hard the
/// targets are for kernel regression with `kernel (n, n)`, as `√(tr(Ỹᵀ (K + λI)⁻¹ Ỹ) / tr(ỸᵀỸ))` where
/// `Ỹ (n, k)` are the targets with each column's mean removed (a constant is free for a network
/// with biases) and `λ = ridge · tr(K)/n`. Dividing by `‖Ỹ‖²` makes it scale-free, so that one-hot
/// labels and softened probabilities, whose norms differ, are compared by their direction: targets
/// along the kernel's large eigenvalues score low, targets along its small ones high.
public func supervisionComplexity(kernel: [Double], count n: Int, targets: [Double], outputs k: Int,
                                  ridge: Double = 1e-3) throws -> Double {
    try checkShape(kernel, rows: n, columns: n, "kernel")
    try checkShape(targets, rows: n, columns: k, "targets")
    var centered = targets
    for column in 0..<k {
        var mean = 0.0
        for i in 0..<n { mean += targets[i * k + column] }
        mean /= Double(n)
        for i in 0..<n { centered[i * k + column] -= mean }
    }
    let energy = dot(centered, centered)
    guard energy > 0 else { return 0 }
    var trace = 0.0
    for i in 0..<n { trace += kernel[i * n + i] }
    var regularized = kernel
    for i in 0..<n { regularized[i * n + i] += ridge * trace / Double(n) }
    let solved: [Double]
    do { solved = try BLAS.solve(regularized, n: n, centered, nrhs: k) }
    catch { throw ProbeError.numerical("supervision complexity: the regularized kernel is singular (\(error))") }
    return (dot(centered, solved) / energy).squareRoot()
}
