/// One group of a `BarChart`: a value (and optional error bar) per category.
public struct BarGroup: Hashable, Sendable, Codable {
    /// The legend label.
    public var name: String
    /// One value per category.
    public var values: [Double]
    /// Optional symmetric error bar half-widths (e.g. one standard deviation over seeds).
    public var errors: [Double]?
    /// The colour, or nil for the palette colour of the group's position.
    public var color: Color?

    /// Creates a bar group; lengths are checked when the chart is rendered.
    public init(_ name: String, values: [Double], errors: [Double]? = nil, color: Color? = nil) {
        self.name = name; self.values = values; self.errors = errors; self.color = color
    }
}
