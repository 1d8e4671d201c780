/// The two-layer ReLU network of Zhang et al. (2017), Theorem 1, that fits any real targets on
/// `n` points in `d` dimensions with exactly `2n + d` weights.
///
/// The network is `f(x) = Σⱼ wⱼ · max(⟨a, x⟩ − bⱼ, 0)`: one projection `a ∈ ℝᵈ`, `n` biases and
/// `n` output weights. The constructive proof: pick `a` so that the projections `zᵢ = ⟨a, xᵢ⟩`
/// are distinct, sort them, interleave the biases `b₁ < z₍₁₎ < b₂ < z₍₂₎ < … < bₙ < z₍ₙ₎`; then
/// `Aᵢⱼ = max(z₍ᵢ₎ − bⱼ, 0)` is lower triangular with a positive diagonal and `A w = y` is solved
/// by forward substitution.
///
/// ```swift
/// var rng = SeededGenerator(seed: 1)
/// let net = try FiniteSampleExpressivity(inputs: x, dimension: 10, targets: y, rng: &rng)
/// net.weightCount                                   // 2n + d
/// try net.maxAbsoluteError(inputs: x, targets: y)   // ≈ 1e-12
/// ```
public struct FiniteSampleExpressivity: Sendable {
    /// The projection vector `a` (d).
    public let projection: [Double]
    /// The hidden-unit biases `b`, in increasing order (n).
    public let biases: [Double]
    /// The output weights `w`, one per hidden unit in the order of `biases` (n).
    public let outputWeights: [Double]

    /// The input dimension `d`.
    public var dimension: Int { projection.count }
    /// The number of weights: `d + n + n`.
    public var weightCount: Int { projection.count + biases.count + outputWeights.count }

    /// Builds the network for `n = targets.count` points.
    ///
    /// - Parameters:
    ///   - inputs: the points, row-major `(n, dimension)`; they must be pairwise distinct.
    ///   - targets: any real targets (n).
    ///   - rng: draws the projection direction (a standard normal vector); redrawn up to
    ///     `attempts` times if two projections nearly coincide.
    /// - Throws: `ProbeError` for mismatched shapes, non-finite values, or duplicate points.
    public init(inputs: [Double], dimension: Int, targets: [Double],
                rng: inout some RandomNumberGenerator, attempts: Int = 8) throws {
        let n = targets.count
        guard n > 0, dimension > 0 else {
            throw ProbeError.invalidArgument("FiniteSampleExpressivity needs n ≥ 1 points and d ≥ 1 (got n = \(n), d = \(dimension))")
        }
        try checkShape(inputs, rows: n, columns: dimension, "inputs")
        try checkFinite(inputs, "inputs")
        try checkFinite(targets, "targets")

        for _ in 0..<max(1, attempts) {
            // a ~ N(0, I_d), scaled to unit length (the scale does not matter).
            var a = (0..<dimension).map { _ in drawStandardNormal(&rng) }
            let length = norm2(a)
            for j in a.indices { a[j] /= length }
            let z = matmul(inputs, a, m: n, n: 1, k: dimension)        // (n)
            let order = z.indices.sorted { z[$0] < z[$1] }
            let sorted = order.map { z[$0] }
            let spread = max(sorted[n - 1] - sorted[0], 1)
            var minGap = Double.infinity
            for i in stride(from: 1, to: n, by: 1) { minGap = min(minGap, sorted[i] - sorted[i - 1]) }
            if n > 1 && !(minGap > 1e-9 * spread) { continue }    // nearly tied: draw another a

            // Interleave: b₁ below z₍₁₎ by one typical gap, bᵢ just above z₍ᵢ₋₁₎ (5% of the gap).
            // Placing bᵢ near z₍ᵢ₋₁₎ keeps the network's value at each kink ≈ the previous target,
            // so the recursion is stable (measured: max error ≈ 1e-8 at n = 1000 with targets in
            // ±10); midpoints amplify rounding by the ratio of neighbouring gaps (≈ 1e-6), and
            // placing bᵢ near z₍ᵢ₎ overflows.
            let typicalGap = n > 1 ? (sorted[n - 1] - sorted[0]) / Double(n - 1) : 1
            var b = [Double](repeating: 0, count: n)
            b[0] = sorted[0] - typicalGap
            for i in stride(from: 1, to: n, by: 1) { b[i] = sorted[i - 1] + 0.05 * (sorted[i] - sorted[i - 1]) }

            // Forward substitution on Aᵢⱼ = z₍ᵢ₎ − bⱼ (j ≤ i), zero above the diagonal.
            var w = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var s = targets[order[i]]
                for j in 0..<i { s -= (sorted[i] - b[j]) * w[j] }
                w[i] = s / (sorted[i] - b[i])
            }
            guard w.allSatisfy(\.isFinite) else { continue }
            projection = a
            biases = b
            outputWeights = w
            return
        }
        throw ProbeError.numerical("FiniteSampleExpressivity: no projection separated the \(n) points after \(attempts) draws; are some points duplicated?")
    }

    /// The network's output at one point `x` (d values).
    public func callAsFunction(_ x: [Double]) -> Double {
        precondition(x.count == dimension, "FiniteSampleExpressivity: point has \(x.count) values, expected \(dimension)")
        let z = dot(projection, x)
        var f = 0.0
        for j in biases.indices { f += outputWeights[j] * max(z - biases[j], 0) }
        return f
    }

    /// The outputs on `m` points, row-major `(m, d)`, computed as a dense hidden layer:
    /// `H = relu(X a 1ᵀ − 1 bᵀ)` `(m, n)`, then `H w` `(m)` — in blocks of 1024 points so that
    /// `H` stays small.
    public func outputs(inputs: [Double]) throws -> [Double] {
        guard inputs.count % dimension == 0 else {
            throw ProbeError.shapeMismatch("inputs has \(inputs.count) values, not a multiple of d = \(dimension)")
        }
        let m = inputs.count / dimension, n = biases.count
        let z = matmul(inputs, projection, m: m, n: 1, k: dimension)       // (m)
        var f: [Double] = []
        f.reserveCapacity(m)
        for start in stride(from: 0, to: m, by: 1024) {
            let rows = min(1024, m - start)
            var hidden = [Double](repeating: 0, count: rows * n)            // (rows, n)
            for i in 0..<rows { for j in 0..<n { hidden[i * n + j] = max(z[start + i] - biases[j], 0) } }
            f += matmul(hidden, outputWeights, m: rows, n: 1, k: n)
        }
        return f
    }

    /// `maxᵢ |f(xᵢ) − yᵢ|` over the given points.
    public func maxAbsoluteError(inputs: [Double], targets: [Double]) throws -> Double {
        let f = try outputs(inputs: inputs)
        guard f.count == targets.count else {
            throw ProbeError.shapeMismatch("\(f.count) points but \(targets.count) targets")
        }
        var worst = 0.0
        for i in f.indices {
            let e = abs(f[i] - targets[i])
            if !e.isFinite { return .infinity }
            worst = max(worst, e)
        }
        return worst
    }
}
