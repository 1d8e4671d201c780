/// The metric names one run records.
public struct MetricCatalog: Sendable {
    /// Per-epoch or per-step curves (`epoch`, `train-loss`, …).
    public var series: [String]
    /// Single numbers (`epochs-to-target`, `parameters`, …).
    public var scalars: [String]

    /// A catalog of `series` and `scalars`.
    public init(series: [String], scalars: [String]) {
        self.series = series
        self.scalars = scalars
    }
}
