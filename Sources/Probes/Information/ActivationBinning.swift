/// Equal-width bins on `[lower, upper]` that turn a layer's activations into discrete symbols,
/// as in Shwartz-Ziv & Tishby (2017) and Saxe et al. (2018). Values outside the range fall into
/// the first or last bin.
public struct ActivationBinning: Sendable, Hashable, Codable {
    /// The left edge of the first bin.
    public let lower: Double
    /// The right edge of the last bin.
    public let upper: Double
    /// The number of bins.
    public let bins: Int

    /// Bins `[lower, upper]` into `bins` equal parts.
    /// - Throws: `ProbeError.invalidArgument` unless `lower < upper` (both finite) and `bins ≥ 1`.
    public init(lower: Double, upper: Double, bins: Int) throws {
        guard lower.isFinite, upper.isFinite, lower < upper, bins >= 1 else {
            throw ProbeError.invalidArgument("binning needs finite lower < upper and bins ≥ 1 (got [\(lower), \(upper)], \(bins) bins)")
        }
        self.lower = lower
        self.upper = upper
        self.bins = bins
    }

    /// For tanh layers: `bins` bins on `[−1, 1]` (30 in the original experiments).
    public static func tanh(bins: Int = 30) throws -> ActivationBinning {
        try ActivationBinning(lower: -1, upper: 1, bins: bins)
    }

    /// For ReLU (or any unbounded) layers: `bins` bins on `[0, max]`, with `max` the largest
    /// activation observed (Saxe et al. recompute it for each epoch). An all-zero layer gets `[0, 1]`.
    public static func relu<T: BinaryFloatingPoint>(activations: [T], bins: Int = 30) throws -> ActivationBinning {
        var top = 0.0
        for v in activations {
            let x = Double(v)
            guard x.isFinite else { throw ProbeError.invalidArgument("activation \(x) is not finite") }
            top = max(top, x)
        }
        return try ActivationBinning(lower: 0, upper: top > 0 ? top : 1, bins: bins)
    }

    /// The bin index of `value`, in `0..<bins`.
    @inline(__always)
    public func bin(_ value: Double) -> Int {
        let position = (value - lower) / (upper - lower) * Double(bins)
        if !(position >= 0) { return 0 }          // also NaN
        return min(Int(position), bins - 1)
    }
}
