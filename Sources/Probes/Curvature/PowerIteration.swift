/// The eigenvalue of largest magnitude of a symmetric operator `v ↦ A v`, by power iteration
/// with a Rayleigh-quotient estimate. Converges at the rate `|λ₂/λ₁|` per step; prefer
/// ``Lanczos`` when the top eigenvalues are close.
public enum PowerIteration {
    /// Iterates `v ← Av / ‖Av‖` from a random unit vector until the Rayleigh quotient changes by
    /// less than `tolerance · |λ|` or `maxIterations` is reached.
    ///
    /// - Returns: the eigenvalue estimate `vᵀAv`, its unit vector, and the steps taken.
    public static func dominantEigenpair(
        dimension n: Int, maxIterations: Int = 1000, tolerance: Double = 1e-12,
        rng: inout some RandomNumberGenerator,
        multiply: ([Double]) throws -> [Double]
    ) throws -> (value: Double, vector: [Double], iterations: Int) {
        guard n >= 1, maxIterations >= 1 else {
            throw ProbeError.invalidArgument("power iteration needs dimension ≥ 1 and maxIterations ≥ 1")
        }
        var v = (0..<n).map { _ in drawStandardNormal(&rng) }
        let v0 = norm2(v)
        v = v.map { $0 / v0 }
        var value = 0.0
        for step in 1...maxIterations {
            let av = try multiply(v)
            guard av.count == n else { throw ProbeError.shapeMismatch("multiply returned \(av.count) values, expected \(n)") }
            let rayleigh = dot(v, av)
            let length = norm2(av)
            guard length.isFinite else { throw ProbeError.numerical("power iteration produced a non-finite vector") }
            if length == 0 { return (0, v, step) }       // v is in the null space
            let converged = step > 1 && abs(rayleigh - value) <= tolerance * max(abs(rayleigh), 1e-300)
            value = rayleigh
            v = av.map { $0 / length }
            if converged { return (value, v, step) }
        }
        return (value, v, maxIterations)
    }
}
