extension Statistics {
    /// The Gini coefficient of non-negative values: `Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n² x̄)`; 0 when all are
    /// equal, `(n − 1)/n` when one value holds everything. Arpit et al. use it on loss sensitivities.
    ///
    /// Computed from the sorted values as `2 Σᵢ i·x₍ᵢ₎ / (n Σ x) − (n + 1)/n` (i from 1).
    /// - Throws: `ProbeError.invalidArgument` for empty input, negative values, or an all-zero sum.
    public static func giniCoefficient(_ values: [Double]) throws -> Double {
        try checkNonEmptyFinite(values, "Gini coefficient")
        guard values.allSatisfy({ $0 >= 0 }) else {
            throw ProbeError.invalidArgument("the Gini coefficient needs non-negative values")
        }
        let sorted = values.sorted()
        let total = sorted.reduce(0, +)
        guard total > 0 else { throw ProbeError.invalidArgument("the Gini coefficient of all-zero values is undefined") }
        let n = Double(sorted.count)
        var weighted = 0.0
        for (i, x) in sorted.enumerated() { weighted += Double(i + 1) * x }
        return 2 * weighted / (n * total) - (n + 1) / n
    }
}
