extension Statistics {
    /// Kendall's rank correlation τ-b, which corrects for ties:
    /// `(n_c − n_d) / √((n₀ − n₁)(n₀ − n₂))`, with `n₀ = n(n−1)/2` pairs, `n_c` / `n_d` concordant /
    /// discordant pairs, and `n₁` / `n₂` pairs tied in `x` / in `y`. O(n²), fine for the few hundred
    /// models of a generalization-measure grid (Jiang et al. 2020).
    ///
    /// - Throws: `ProbeError` for mismatched lengths, fewer than 2 values, or a constant sequence.
    public static func kendallTau(_ x: [Double], _ y: [Double]) throws -> Double {
        guard x.count == y.count else { throw ProbeError.shapeMismatch("Kendall's τ of \(x.count) and \(y.count) values") }
        guard x.count >= 2 else { throw ProbeError.invalidArgument("Kendall's τ needs at least 2 pairs") }
        try checkFinite(x, "x")
        try checkFinite(y, "y")
        var concordant = 0, discordant = 0, tiedX = 0, tiedY = 0
        let n = x.count
        for i in 0..<n {
            for j in (i + 1)..<n {
                let dx = x[i] - x[j], dy = y[i] - y[j]
                if dx == 0 { tiedX += 1 }
                if dy == 0 { tiedY += 1 }
                if dx == 0 || dy == 0 { continue }
                if (dx > 0) == (dy > 0) { concordant += 1 } else { discordant += 1 }
            }
        }
        let pairs = n * (n - 1) / 2
        let denominator = (Double(pairs - tiedX) * Double(pairs - tiedY)).squareRoot()
        guard denominator > 0 else { throw ProbeError.invalidArgument("Kendall's τ of a constant sequence is undefined") }
        return Double(concordant - discordant) / denominator
    }
}
