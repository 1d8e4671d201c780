/// What one run measured: curves and single numbers.
public struct Measurements: Sendable, Codable, Equatable {
    /// Curves by name (all of one run).
    public var series: [String: [Double]]
    /// Single numbers by name.
    public var scalars: [String: Double]

    /// Measurements from `series` and `scalars`.
    public init(series: [String: [Double]] = [:], scalars: [String: Double] = [:]) {
        self.series = series
        self.scalars = scalars
    }
}
