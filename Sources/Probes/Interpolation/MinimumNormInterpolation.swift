import TrainingCore

/// The minimum-norm solution of an under-determined linear least-squares problem (Zhang et al.
/// 2017, §5): with `X` of shape `(n, d)`, `d ≥ n` and full row rank, `w = Xᵀα` where `XXᵀα = Y`.
///
/// Every interpolant is `w + v` with `Xv = 0`, and `‖w + v‖² = ‖w‖² + ‖v‖²`, so `w` has the
/// smallest norm. SGD from zero on the squared loss stays in the row space of `X` and converges to
/// the same `w` (``stochasticGradientDescent(inputs:count:dimension:targets:outputs:learningRate:epochs:tolerance:rng:)``).
/// Targets may have several columns (one-hot classes), giving a `(d, k)` weight matrix.
public struct MinimumNormInterpolation: Sendable {
    /// The input dimension `d`.
    public let dimension: Int
    /// The number of target columns `k`.
    public let outputs: Int
    /// The dual coefficients `α = (XXᵀ)⁻¹ Y`, row-major `(n, k)`.
    public let dualCoefficients: [Double]
    /// The weights `w = Xᵀα`, row-major `(d, k)`.
    public let weights: [Double]
    /// The training inputs, row-major `(n, d)` (kept for null-space projections).
    public let inputs: [Double]

    /// Solves `XXᵀα = Y` with `BLAS.solve` and sets `w = Xᵀα`.
    ///
    /// - Parameters:
    ///   - inputs: `X`, row-major `(count, dimension)`, with `count ≤ dimension`.
    ///   - targets: `Y`, row-major `(count, outputs)`.
    /// - Throws: `ProbeError` for bad shapes, `count > dimension`, or a singular Gram matrix
    ///   (rows of `X` linearly dependent).
    public init(inputs: [Double], count n: Int, dimension d: Int,
                targets: [Double], outputs k: Int = 1) throws {
        guard n > 0, d > 0, k > 0 else {
            throw ProbeError.invalidArgument("MinimumNormInterpolation needs n, d, k ≥ 1 (got \(n), \(d), \(k))")
        }
        guard d >= n else {
            throw ProbeError.invalidArgument("MinimumNormInterpolation needs d ≥ n (got n = \(n) points in d = \(d) dimensions)")
        }
        try checkShape(inputs, rows: n, columns: d, "inputs")
        try checkShape(targets, rows: n, columns: k, "targets")
        try checkFinite(inputs, "inputs")
        try checkFinite(targets, "targets")
        let gram = matmul(inputs, inputs, m: n, n: n, k: d, transposeB: true)   // XXᵀ (n, n)
        let alpha: [Double]
        do { alpha = try BLAS.solve(gram, n: n, targets, nrhs: k) }             // (n, k)
        catch { throw ProbeError.numerical("the Gram matrix XXᵀ is singular (\(error)); the rows of X are linearly dependent") }
        self.dimension = d
        self.outputs = k
        self.inputs = inputs
        self.dualCoefficients = alpha
        self.weights = matmul(inputs, alpha, m: d, n: k, k: n, transposeA: true)  // Xᵀα (d, k)
    }

    /// Predictions `X' w` for `m` points, row-major `(m, d)` → `(m, k)`.
    public func predict(_ points: [Double]) throws -> [Double] {
        guard points.count % dimension == 0 else {
            throw ProbeError.shapeMismatch("points has \(points.count) values, not a multiple of d = \(dimension)")
        }
        return matmul(points, weights, m: points.count / dimension, n: outputs, k: dimension)
    }

    /// The predicted class of each point: the argmax of its `k` outputs (one-hot targets).
    public func classify(_ points: [Double]) throws -> [Int] {
        argmaxRows(try predict(points), columns: outputs)
    }

    /// The part of `v` (d, or `(d, k)` row-major) orthogonal to the rows of `X`: `v − Xᵀ(XXᵀ)⁻¹Xv`.
    /// Adding it to ``weights`` gives another interpolant, with a larger norm.
    public func nullSpaceComponent(of v: [Double]) throws -> [Double] {
        let n = inputs.count / dimension
        guard v.count % dimension == 0 else {
            throw ProbeError.shapeMismatch("v has \(v.count) values, not a multiple of d = \(dimension)")
        }
        let k = v.count / dimension
        let xv = matmul(inputs, v, m: n, n: k, k: dimension)                         // (n, k)
        let gram = matmul(inputs, inputs, m: n, n: n, k: dimension, transposeB: true)  // (n, n)
        let beta = try BLAS.solve(gram, n: n, xv, nrhs: k)                            // (n, k)
        var projected = v
        matmulAdd(inputs, beta, into: &projected, m: dimension, n: k, k: n, transposeA: true, alpha: -1)
        return projected
    }

    /// Plain SGD from `w = 0` on the squared loss `½ Σᵢ ‖xᵢᵀw − yᵢ‖²`, one example per step in a
    /// fresh random order each epoch: `w ← w − η xᵢ (xᵢᵀw − yᵢ)`.
    ///
    /// - Parameters:
    ///   - learningRate: `η`; by default `1 / maxᵢ ‖xᵢ‖²` (stable for every example).
    ///   - epochs: the largest number of passes.
    ///   - tolerance: stop early when the largest residual `|xᵢᵀw − yᵢ|` falls below it.
    /// - Returns: the weights `(d, k)` and the number of epochs run.
    public static func stochasticGradientDescent(
        inputs: [Double], count n: Int, dimension d: Int, targets: [Double], outputs k: Int = 1,
        learningRate: Double? = nil, epochs: Int, tolerance: Double = 1e-12,
        rng: inout some RandomNumberGenerator
    ) throws -> (weights: [Double], epochs: Int) {
        guard n > 0, d > 0, k > 0, epochs >= 0 else {
            throw ProbeError.invalidArgument("SGD needs n, d, k ≥ 1 and epochs ≥ 0")
        }
        try checkShape(inputs, rows: n, columns: d, "inputs")
        try checkShape(targets, rows: n, columns: k, "targets")
        var maxSquaredNorm = 0.0
        for i in 0..<n {
            var s = 0.0
            for j in 0..<d { s += inputs[i * d + j] * inputs[i * d + j] }
            maxSquaredNorm = max(maxSquaredNorm, s)
        }
        guard maxSquaredNorm > 0 else { throw ProbeError.invalidArgument("every input is zero") }
        let eta = learningRate ?? 1 / maxSquaredNorm
        var w = [Double](repeating: 0, count: d * k)            // (d, k)
        var residual = [Double](repeating: 0, count: k)         // (k)
        var order = Array(0..<n)
        for epoch in 0..<epochs {
            shuffleInPlace(&order, &rng)
            for i in order {
                for c in 0..<k {
                    var s = -targets[i * k + c]
                    for j in 0..<d { s += inputs[i * d + j] * w[j * k + c] }
                    residual[c] = s
                }
                for j in 0..<d {
                    let xij = eta * inputs[i * d + j]
                    for c in 0..<k { w[j * k + c] -= xij * residual[c] }
                }
            }
            let fitted = matmul(inputs, w, m: n, n: k, k: d)
            var worst = 0.0
            for i in 0..<(n * k) { worst = max(worst, abs(fitted[i] - targets[i])) }
            guard worst.isFinite else {
                throw ProbeError.numerical("SGD diverged at epoch \(epoch + 1) (learning rate \(eta) too large)")
            }
            if worst < tolerance { return (w, epoch + 1) }
        }
        return (w, epochs)
    }
}
