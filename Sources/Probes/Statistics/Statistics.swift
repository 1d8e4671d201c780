/// Summary statistics the chapters report (Float64; every function throws on empty or non-finite input).
public enum Statistics {
    /// The arithmetic mean.
    public static func mean(_ values: [Double]) throws -> Double {
        try checkNonEmptyFinite(values, "mean")
        return values.reduce(0, +) / Double(values.count)
    }

    /// The variance: divided by `n − 1` when `sample` (needs n ≥ 2), by `n` otherwise.
    public static func variance(_ values: [Double], sample: Bool = true) throws -> Double {
        let m = try mean(values)
        let n = values.count
        guard !sample || n >= 2 else { throw ProbeError.invalidArgument("sample variance needs at least 2 values") }
        let squares = values.reduce(0) { $0 + ($1 - m) * ($1 - m) }
        return squares / Double(sample ? n - 1 : n)
    }

    /// The standard deviation (square root of ``variance(_:sample:)``).
    public static func standardDeviation(_ values: [Double], sample: Bool = true) throws -> Double {
        try variance(values, sample: sample).squareRoot()
    }

    /// The median (the mean of the two middle values for an even count).
    public static func median(_ values: [Double]) throws -> Double {
        try checkNonEmptyFinite(values, "median")
        let s = values.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2])
    }

    static func checkNonEmptyFinite(_ values: [Double], _ what: String) throws {
        guard !values.isEmpty else { throw ProbeError.invalidArgument("\(what) of no values") }
        try checkFinite(values, what)
    }
}
