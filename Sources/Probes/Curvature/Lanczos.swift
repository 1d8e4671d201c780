import TrainingCore

/// Extreme eigenvalues of a symmetric operator known only through `v ↦ A v` (e.g. a Hessian-vector
/// product), by the Lanczos iteration with full re-orthogonalisation.
///
/// After `m` steps the Ritz values (eigenvalues of the `m × m` tridiagonal matrix) approximate
/// the extreme eigenvalues of `A` first; with `m = n` they are all of them. The tridiagonal
/// problem is solved with `BLAS.symmetricEigen`.
public enum Lanczos {
    /// Runs `iterations` Lanczos steps from a random unit start vector.
    ///
    /// - Parameters:
    ///   - dimension: `n`, the size of the vectors `multiply` takes and returns.
    ///   - iterations: `m ≤ n` steps (capped at `n`); stops early if the Krylov space is invariant.
    ///   - vectors: also return the Ritz vectors (`m` vectors of length `n`, same order as values).
    ///   - multiply: `v ↦ A v` for a symmetric `A`.
    /// - Returns: the Ritz values in descending order (largest first).
    public static func eigenvalues(
        dimension n: Int, iterations: Int, vectors: Bool = false,
        rng: inout some RandomNumberGenerator,
        multiply: ([Double]) throws -> [Double]
    ) throws -> LanczosResult {
        guard n >= 1, iterations >= 1 else {
            throw ProbeError.invalidArgument("Lanczos needs dimension ≥ 1 and iterations ≥ 1 (got \(n), \(iterations))")
        }
        let m = min(iterations, n)
        var basis: [[Double]] = []                 // q₁ … q_j, each (n)
        var alpha: [Double] = [], beta: [Double] = []
        var q = (0..<n).map { _ in drawStandardNormal(&rng) }
        let q0 = norm2(q)
        for i in 0..<n { q[i] /= q0 }
        for j in 0..<m {
            basis.append(q)
            var w = try multiply(q)
            guard w.count == n else { throw ProbeError.shapeMismatch("multiply returned \(w.count) values, expected \(n)") }
            guard w.allSatisfy(\.isFinite) else { throw ProbeError.numerical("multiply returned a non-finite value at step \(j + 1)") }
            let a = dot(q, w)
            alpha.append(a)
            // w ← w − a qⱼ − b qⱼ₋₁, then re-orthogonalise against every earlier q, twice.
            for i in 0..<n { w[i] -= a * q[i] }
            if j > 0 { let b = beta[j - 1]; let previous = basis[j - 1]; for i in 0..<n { w[i] -= b * previous[i] } }
            for _ in 0..<2 {
                for v in basis {
                    let c = dot(v, w)
                    for i in 0..<n { w[i] -= c * v[i] }
                }
            }
            let b = norm2(w)
            if j == m - 1 { break }
            let scale = max(abs(a), beta.last ?? 0, 1e-300)
            if b <= 1e-12 * scale { break }        // invariant subspace: the Ritz values are exact
            beta.append(b)
            q = w.map { $0 / b }
        }
        let k = alpha.count
        var t = [Double](repeating: 0, count: k * k)   // tridiagonal (k, k)
        for i in 0..<k {
            t[i * k + i] = alpha[i]
            if i + 1 < k { t[i * k + i + 1] = beta[i]; t[(i + 1) * k + i] = beta[i] }
        }
        let (values, s) = try BLAS.symmetricEigen(t, n: k, vectors: vectors)   // ascending
        var ritzVectors: [[Double]]? = nil
        if vectors, let s {
            ritzVectors = (0..<k).reversed().map { r in
                var v = [Double](repeating: 0, count: n)
                for j in 0..<k {
                    let c = s[r * k + j]
                    for i in 0..<n { v[i] += c * basis[j][i] }
                }
                return v
            }
        }
        return LanczosResult(values: values.reversed(), vectors: ritzVectors, iterations: k)
    }
}

/// What ``Lanczos`` found.
public struct LanczosResult: Sendable {
    /// Ritz values, largest first.
    public let values: [Double]
    /// Unit Ritz vectors in the order of `values`, when requested.
    public let vectors: [[Double]]?
    /// The number of Lanczos steps taken (fewer than asked when the Krylov space became invariant).
    public let iterations: Int
}
