/// One distribution of a `Histogram`.
public struct HistogramSeries: Hashable, Sendable, Codable {
    /// The legend label (empty: not in the legend).
    public var name: String
    /// The raw values to bin.
    public var values: [Double]
    /// The colour, or nil for the palette colour of the series' position.
    public var color: Color?

    /// Creates a distribution from raw values.
    public init(_ name: String, values: [Double], color: Color? = nil) {
        self.name = name; self.values = values; self.color = color
    }
}
