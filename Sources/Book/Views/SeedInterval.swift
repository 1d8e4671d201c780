import Foundation

/// An estimate over seeds with its 95% confidence interval: the mean of one selection, or the
/// difference between two (paired by seed, or Welch's unequal-variance interval).
///
/// The interval is Student's t: `mean ± t(0.975, df) · se`, with `df = n − 1` for one sample or
/// paired differences and the Welch–Satterthwaite `df` for two independent samples.
struct SeedInterval: Sendable, Equatable {
    /// How the interval was obtained.
    enum Method: String, Sendable {
        /// The mean of one selection (Student t, n − 1 degrees of freedom).
        case mean = "Student t"
        /// The mean of per-seed differences (Student t on the differences).
        case paired = "paired by seed, Student t"
        /// The difference of two means with unequal variances (Welch).
        case welch = "Welch"
        /// Every run of a deterministic construction: the range from the smallest to the largest value.
        case range = "range over runs"
    }
    var estimate: Double
    var lower: Double
    var upper: Double
    /// Runs behind the estimate (for a difference, the smaller side).
    var count: Int
    var method: Method
    /// Configurations whose runs were pooled into one sample (several when a claim selects more
    /// than one point of a sweep): the runs are then not all different seeds of one setting.
    var configurations = 1

    /// Two-sided 95%.
    static let level = 0.95

    /// The mean of `values` with its Student-t interval (nil for fewer than two values).
    static func mean(_ values: [Double]) -> SeedInterval? {
        guard values.count >= 2 else { return nil }
        let s = MeanStd(values)
        let half = studentTQuantile(0.975, degreesOfFreedom: Double(values.count - 1)) * s.std / Double(values.count).squareRoot()
        return SeedInterval(estimate: s.mean, lower: s.mean - half, upper: s.mean + half, count: values.count, method: .mean)
    }

    /// The smallest and largest of `values` (a deterministic construction: every run must pass).
    static func range(_ values: [Double]) -> SeedInterval? {
        guard let lo = values.min(), let hi = values.max() else { return nil }
        return SeedInterval(estimate: MeanStd(values).mean, lower: lo, upper: hi, count: values.count, method: .range)
    }

    /// `a − factor · b`: paired over seeds when both sides ran on the same seeds (each once), Welch otherwise.
    static func difference(_ a: [(seed: UInt64, value: Double)], _ b: [(seed: UInt64, value: Double)],
                           factor: Double = 1) -> SeedInterval? {
        let seedsA = a.map(\.seed), seedsB = b.map(\.seed)
        if Set(seedsA).count == a.count, Set(seedsB).count == b.count, Set(seedsA) == Set(seedsB) {
            let byB = Dictionary(uniqueKeysWithValues: b.map { ($0.seed, $0.value) })
            guard var d = mean(a.map { $0.value - factor * byB[$0.seed]! }) else { return nil }
            d.method = .paired
            return d
        }
        return welch(a.map(\.value), b.map(\.value), factor: factor)
    }

    /// Welch's interval of `mean(a) − factor · mean(b)` (nil when either side has fewer than two values).
    static func welch(_ a: [Double], _ b: [Double], factor: Double = 1) -> SeedInterval? {
        guard a.count >= 2, b.count >= 2 else { return nil }
        let sa = MeanStd(a), sb = MeanStd(b)
        let va = sa.std * sa.std / Double(a.count), vb = factor * factor * sb.std * sb.std / Double(b.count)
        let estimate = sa.mean - factor * sb.mean
        let se = (va + vb).squareRoot()
        guard se > 0 else {
            return SeedInterval(estimate: estimate, lower: estimate, upper: estimate, count: min(a.count, b.count), method: .welch)
        }
        let df = (va + vb) * (va + vb) / (va * va / Double(a.count - 1) + vb * vb / Double(b.count - 1))
        let half = studentTQuantile(0.975, degreesOfFreedom: df) * se
        return SeedInterval(estimate: estimate, lower: estimate - half, upper: estimate + half,
                            count: min(a.count, b.count), method: .welch)
    }

    /// The `p`-quantile of Student's t distribution with `df` degrees of freedom (`0 < p < 1`,
    /// `df > 0`), by bisection on the CDF; accurate to about 1e-10.
    static func studentTQuantile(_ p: Double, degreesOfFreedom df: Double) -> Double {
        precondition(p > 0 && p < 1 && df > 0, "studentTQuantile: p in (0, 1) and df > 0")
        if p < 0.5 { return -studentTQuantile(1 - p, degreesOfFreedom: df) }
        var lo = 0.0, hi = 1.0
        while studentTCDF(hi, degreesOfFreedom: df) < p { hi *= 2 }
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if studentTCDF(mid, degreesOfFreedom: df) < p { lo = mid } else { hi = mid }
            if hi - lo < 1e-12 * max(1, hi) { break }
        }
        return (lo + hi) / 2
    }

    /// `P(T ≤ t)` for Student's t with `df` degrees of freedom: `1 − I_x(df/2, 1/2)/2` with
    /// `x = df/(df + t²)` for `t ≥ 0`, where `I` is the regularized incomplete beta function.
    static func studentTCDF(_ t: Double, degreesOfFreedom df: Double) -> Double {
        let tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), a: df / 2, b: 0.5)
        return t >= 0 ? 1 - tail : tail
    }

    /// `I_x(a, b)` by its continued fraction (modified Lentz), using the symmetry
    /// `I_x(a, b) = 1 − I_{1−x}(b, a)` where the fraction converges slowly.
    static func regularizedIncompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logFront: Double = logBeta + a * log(x) + b * log(1 - x)
        if x > (a + 1) / (a + b + 2) { return 1 - regularizedIncompleteBeta(1 - x, a: b, b: a) }
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var f = d
        for m in 1...500 {
            let m = Double(m)
            // Even step: d_{2m} = m(b − m)x / ((a + 2m − 1)(a + 2m)).
            let even: Double = (a + 2 * m - 1) * (a + 2 * m)
            var num: Double = m * (b - m) * x / even
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; f *= d * c
            // Odd step: d_{2m+1} = −(a + m)(a + b + m)x / ((a + 2m)(a + 2m + 1)).
            let odd: Double = (a + 2 * m) * (a + 2 * m + 1)
            num = -(a + m) * (a + b + m) * x / odd
            d = 1 + num * d; if abs(d) < tiny { d = tiny }
            c = 1 + num / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            f *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return exp(logFront) * f / a
    }
}
