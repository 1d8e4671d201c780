import Foundation
import TrainingCore

/// The top principal components of a set of inputs, each scaled to unit variance (whitened PCA):
/// the low-dimensional view of an image that the LIMIT-style label predictor `Q` sees.
///
/// `project(x) = Λₖ^{-1/2} Vₖᵀ (x − μ)` with `μ` the mean input and `Vₖ (d, k)` the eigenvectors of
/// the input covariance `C = (X − μ)ᵀ(X − μ) / n` for its `k` largest eigenvalues `Λₖ`. It uses the
/// inputs only, never the labels.
public struct PrincipalProjection: Sendable {
    /// Values per input (`d`) and components kept (`k`).
    public let dimension: Int
    public let components: Int
    /// The mean input `μ` (d).
    public let mean: [Float]
    /// Row `j` is the `j`-th eigenvector divided by `√λⱼ` (k, d), largest eigenvalue first.
    public let basis: [Float]
    /// The kept eigenvalues `λ₁ ≥ … ≥ λₖ` (the variance along each component) (k).
    public let variances: [Double]

    /// Principal components of `inputs (n, …)`; `components` must lie in `1...d`.
    public init(inputs: Tensor, components k: Int) throws {
        let n = inputs.shape.first ?? 0, d = inputs.strideOfFirstDimension
        guard n >= 2 else { throw DatasetError.invalid("principal components need at least 2 inputs, got \(n)") }
        guard (1...d).contains(k) else {
            throw DatasetError.invalid("predictor-components = \(k), but the inputs have \(d) values each (valid: 1...\(d))")
        }
        var mu = [Double](repeating: 0, count: d)                       // (d)
        for i in 0..<n { for j in 0..<d { mu[j] += Double(inputs.scalars[i * d + j]) } }
        for j in 0..<d { mu[j] /= Double(n) }
        var centred = [Double](repeating: 0, count: n * d)              // (n, d)
        for i in 0..<n { for j in 0..<d { centred[i * d + j] = Double(inputs.scalars[i * d + j]) - mu[j] } }
        var covariance = [Double](repeating: 0, count: d * d)           // (d, d) = Xcᵀ Xc / n
        centred.withUnsafeBufferPointer { x in
            covariance.withUnsafeMutableBufferPointer { c in
                BLAS.dgemm(true, false, m: d, n: d, k: n, alpha: 1 / Double(n), x.baseAddress!, x.baseAddress!, beta: 0, c.baseAddress!)
            }
        }
        let (values, vectors) = try BLAS.symmetricEigen(covariance, n: d, vectors: true)   // ascending; rows are vectors
        let top = values.max() ?? 0
        guard top > 0, let vectors else { throw DatasetError.invalid("principal components: the inputs do not vary") }
        var basis = [Float](repeating: 0, count: k * d), variances: [Double] = []
        for j in 0..<k {
            let row = d - 1 - j                                         // j-th largest
            let lambda = max(values[row], 1e-9 * top)
            variances.append(values[row])
            let scale = 1 / lambda.squareRoot()
            for c in 0..<d { basis[j * d + c] = Float(vectors[row * d + c] * scale) }
        }
        self.dimension = d
        self.components = k
        self.mean = mu.map(Float.init)
        self.basis = basis
        self.variances = variances
    }

    /// The whitened coordinates of `inputs (n, …)` along the kept components, shape `(n, k)`.
    public func project(_ inputs: Tensor) throws -> Tensor {
        let n = inputs.shape.first ?? 0
        guard inputs.strideOfFirstDimension == dimension else {
            throw DatasetError.invalid("principal components: inputs have \(inputs.strideOfFirstDimension) values each, expected \(dimension)")
        }
        var centred = inputs.scalars                                    // (n, d)
        for i in 0..<n { for j in 0..<dimension { centred[i * dimension + j] -= mean[j] } }
        var out = [Float](repeating: 0, count: n * components)          // (n, k) = Xc · basisᵀ
        centred.withUnsafeBufferPointer { x in
            basis.withUnsafeBufferPointer { b in
                out.withUnsafeMutableBufferPointer { o in
                    BLAS.sgemm(false, true, m: n, n: components, k: dimension, x.baseAddress!, b.baseAddress!, o.baseAddress!)
                }
            }
        }
        return try Tensor(shape: [n, components], scalars: out)
    }
}
