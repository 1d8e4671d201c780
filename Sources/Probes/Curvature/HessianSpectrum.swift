import TrainingCore

/// The eigenvalues of a Hessian and the counts Sagun et al. (2017) read from them: a bulk near
/// zero and a few large outliers (about one per class or cluster).
public struct HessianSpectrum: Sendable, Hashable, Codable {
    /// All eigenvalues, ascending.
    public let eigenvalues: [Double]

    /// Wraps eigenvalues (sorted ascending here).
    public init(eigenvalues: [Double]) {
        self.eigenvalues = eigenvalues.sorted()
    }

    /// Eigen-decomposes a symmetric `(size, size)` row-major matrix with `BLAS.symmetricEigen`.
    public init(symmetricMatrix: [Double], size: Int) throws {
        try checkShape(symmetricMatrix, rows: size, columns: size, "Hessian")
        try checkFinite(symmetricMatrix, "Hessian")
        self.eigenvalues = try BLAS.symmetricEigen(symmetricMatrix, n: size).values
    }

    /// The largest eigenvalue.
    public var top: Double { eigenvalues.last ?? 0 }

    /// How many eigenvalues exceed `threshold` (the outliers, for a threshold above the bulk).
    public func count(above threshold: Double) -> Int {
        eigenvalues.filter { $0 > threshold }.count
    }

    /// How many eigenvalues satisfy `|λ| ≤ tolerance` (the near-zero bulk).
    public func nearZeroCount(tolerance: Double) -> Int {
        eigenvalues.filter { abs($0) <= tolerance }.count
    }

    /// How many eigenvalues are below `−tolerance`.
    public func negativeCount(tolerance: Double = 0) -> Int {
        eigenvalues.filter { $0 < -tolerance }.count
    }

    /// The outliers by the largest gap: among the `window` largest eigenvalues (sorted
    /// descending, λ₁ ≥ λ₂ ≥ …), the `k` before the largest drop `λ_k − λ_{k+1}`.
    public func outlierCountByLargestGap(window: Int = 50) -> Int {
        let top = Array(eigenvalues.reversed().prefix(max(window, 2) + 1))
        guard top.count >= 2 else { return 0 }
        var best = 0, bestGap = -Double.infinity
        for k in 0..<(top.count - 1) where top[k] - top[k + 1] > bestGap {
            bestGap = top[k] - top[k + 1]
            best = k + 1
        }
        return best
    }
}
