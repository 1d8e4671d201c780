/// One named curve of a `LinePlot`: y against x, with an optional shaded band.
///
/// ```swift
/// let s = Series("train", x: epochs, y: trainLoss)
/// let band = Series.meanAndSpread("test", x: epochs, mean: m, spread: sd)   // mean ± std band
/// ```
///
/// Non-finite y values (a diverged run) are not drawn: the line breaks there and the figure gets a
/// visible note naming the series and the count. Everything else that is wrong throws `ChartError`.
public struct Series: Hashable, Sendable, Codable {
    /// The legend label (empty: not shown in the legend).
    public var name: String
    /// Positions along the x axis.
    public var x: [Double]
    /// Values along the y axis, one per x.
    public var y: [Double]
    /// A shaded region from `band.lower` to `band.upper` at each x, e.g. mean ± std over seeds.
    public var band: Band?
    /// The colour, or nil for the palette colour of the series' position.
    public var color: Color?
    /// Solid, dashed, dotted or no line.
    public var lineStyle: LineStyle
    /// Line width in logical units.
    public var lineWidth: Double
    /// The symbol drawn at each point.
    public var marker: Marker

    /// Creates a series; the lengths are checked when the plot is rendered.
    public init(_ name: String, x: [Double], y: [Double], band: Band? = nil, color: Color? = nil,
                lineStyle: LineStyle = .solid, lineWidth: Double = 1.6, marker: Marker = .none) {
        self.name = name; self.x = x; self.y = y; self.band = band; self.color = color
        self.lineStyle = lineStyle; self.lineWidth = lineWidth; self.marker = marker
    }

    /// A series drawn at `mean` with a band at `mean ± spread` (e.g. one standard deviation over seeds).
    public static func meanAndSpread(_ name: String, x: [Double], mean: [Double], spread: [Double],
                                     color: Color? = nil, lineStyle: LineStyle = .solid,
                                     marker: Marker = .none) -> Series {
        // The band has one value per spread entry, so a length mismatch with x or y stays
        // visible to validation instead of being silently truncated.
        let m = { (i: Int) in i < mean.count ? mean[i] : 0 }
        let band = Band(lower: spread.indices.map { m($0) - spread[$0] }, upper: spread.indices.map { m($0) + spread[$0] })
        let s = Series(name, x: x, y: mean, band: band, color: color, lineStyle: lineStyle, marker: marker)
        return s
    }
}

/// A shaded region between two curves sharing the series' x values (which should be sorted, as
/// the region is the polygon along the upper edge and back along the lower one).
public struct Band: Hashable, Sendable, Codable {
    /// Lower edge, one value per x.
    public var lower: [Double]
    /// Upper edge, one value per x.
    public var upper: [Double]

    /// Creates a band from its two edges.
    public init(lower: [Double], upper: [Double]) { self.lower = lower; self.upper = upper }
}
