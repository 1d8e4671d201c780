/// One set of points of a `ScatterPlot`: one scalar against another across runs (test accuracy
/// against parameter count, say), optionally joined as a line and with error bars over seeds.
public struct ScatterSeries: Hashable, Sendable, Codable {
    /// The legend label (empty: not in the legend).
    public var name: String
    /// Horizontal positions.
    public var x: [Double]
    /// Vertical positions, one per x.
    public var y: [Double]
    /// Values coloured through the plot's `colorScale` (e.g. the epoch of each point), or nil.
    public var values: [Double]?
    /// Fixed colour when `values` is nil (nil: the palette colour of the series' position).
    public var color: Color?
    /// The point symbol (distinct shapes tell series apart when colour encodes a value).
    public var marker: Marker
    /// Marker diameter in logical units.
    public var markerSize: Double
    /// Joins the points in order with a thin line (a trajectory).
    public var connect: Bool
    /// Error-bar half-heights, one per point (e.g. the standard deviation over seeds), or nil.
    public var yError: [Double]?

    /// Creates a point set; lengths are checked when the plot is rendered.
    public init(_ name: String, x: [Double], y: [Double], values: [Double]? = nil, color: Color? = nil,
                marker: Marker = .circle, markerSize: Double = 5.5, connect: Bool = false, yError: [Double]? = nil) {
        self.name = name; self.x = x; self.y = y; self.values = values; self.color = color
        self.marker = marker; self.markerSize = markerSize; self.connect = connect; self.yError = yError
    }
}
