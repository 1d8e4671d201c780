import TrainingCore

/// Kernel "ridgeless" regression: `f(x) = Σᵢ αᵢ k(xᵢ, x)` with `K α = Y` (plus an optional ridge
/// `λ I`). With a positive-definite kernel on distinct points it interpolates any labels
/// (Zhang et al. 2017, §5); with one-hot targets and an argmax it is a multi-class classifier.
public struct KernelInterpolation: Sendable {
    /// The kernel in use.
    public let kernel: Kernel
    /// The input dimension `d`.
    public let dimension: Int
    /// The number of target columns `k`.
    public let outputs: Int
    /// The training inputs, row-major `(n, d)`.
    public let inputs: [Double]
    /// The coefficients `α = (K + λI)⁻¹ Y`, row-major `(n, k)`.
    public let coefficients: [Double]

    /// Solves `(K + λI) α = Y` with `BLAS.solve`.
    ///
    /// - Parameters:
    ///   - inputs: row-major `(count, dimension)`.
    ///   - targets: row-major `(count, outputs)`; see ``oneHot(labels:classes:)``.
    ///   - ridge: `λ ≥ 0`; 0 gives the interpolant.
    /// - Throws: `ProbeError` for bad shapes or a singular kernel matrix (duplicate points).
    public init(kernel: Kernel, inputs: [Double], count n: Int, dimension d: Int,
                targets: [Double], outputs k: Int = 1, ridge: Double = 0) throws {
        guard n > 0, d > 0, k > 0, ridge >= 0 else {
            throw ProbeError.invalidArgument("KernelInterpolation needs n, d, k ≥ 1 and ridge ≥ 0")
        }
        try checkShape(inputs, rows: n, columns: d, "inputs")
        try checkShape(targets, rows: n, columns: k, "targets")
        try checkFinite(inputs, "inputs")
        try checkFinite(targets, "targets")
        var gram = try kernel.matrix(inputs, inputs, dimension: d)    // K (n, n)
        for i in 0..<n { gram[i * n + i] += ridge }
        do { coefficients = try BLAS.solve(gram, n: n, targets, nrhs: k) }
        catch { throw ProbeError.numerical("the kernel matrix is singular (\(error)); are points duplicated?") }
        self.kernel = kernel
        self.dimension = d
        self.outputs = k
        self.inputs = inputs
    }

    /// `f(x)` for `m` points, row-major `(m, d)` → `(m, k)`: `K(X', X) α`, computed in blocks of
    /// `blockSize` points so that the cross-kernel matrix stays small.
    public func predict(_ points: [Double], blockSize: Int = 1024) throws -> [Double] {
        guard points.count % dimension == 0, blockSize > 0 else {
            throw ProbeError.shapeMismatch("points has \(points.count) values, not a multiple of d = \(dimension)")
        }
        let m = points.count / dimension, n = inputs.count / dimension
        var out: [Double] = []
        out.reserveCapacity(m * outputs)
        for start in stride(from: 0, to: m, by: blockSize) {
            let end = min(start + blockSize, m)
            let block = Array(points[start * dimension ..< end * dimension])
            let cross = try kernel.matrix(block, inputs, dimension: dimension)      // (b, n)
            out += matmul(cross, coefficients, m: end - start, n: outputs, k: n)   // (b, k)
        }
        return out
    }

    /// The predicted class of each point: the argmax of its `k` outputs.
    public func classify(_ points: [Double]) throws -> [Int] {
        let f = try predict(points)
        return argmaxRows(f, columns: outputs)
    }

    /// One-hot targets `(labels.count, classes)` for class labels in `0..<classes`.
    public static func oneHot(labels: [Int], classes: Int) throws -> [Double] {
        var y = [Double](repeating: 0, count: labels.count * classes)
        for (i, label) in labels.enumerated() {
            guard (0..<classes).contains(label) else {
                throw ProbeError.invalidArgument("label \(label) at index \(i) is outside 0..<\(classes)")
            }
            y[i * classes + label] = 1
        }
        return y
    }
}

/// The index of the largest entry of each row of a row-major `(m, columns)` array (first on ties).
func argmaxRows(_ values: [Double], columns: Int) -> [Int] {
    (0..<(values.count / columns)).map { i in
        var best = 0
        for c in 1..<max(columns, 1) where values[i * columns + c] > values[i * columns + best] { best = c }
        return best
    }
}
