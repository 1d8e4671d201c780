/// How a continuous value (epoch, accuracy, count) becomes a colour, and how the colour bar that
/// explains it is labelled.
///
/// ```swift
/// let byEpoch = ColorScale("epoch", scale: .log)        // viridis over the data's range
/// ```
public struct ColorScale: Hashable, Sendable, Codable {
    /// The colour-bar label.
    public var label: String
    /// The colour map (viridis by default).
    public var map: ColorMap
    /// Linear or logarithmic mapping of values to colours.
    public var scale: Axis.Scale
    /// A fixed value range, or nil for the data's own range.
    public var range: ClosedRange<Double>?

    /// Creates a colour scale.
    public init(_ label: String = "", map: ColorMap = .viridis, scale: Axis.Scale = .linear,
                range: ClosedRange<Double>? = nil) {
        self.label = label; self.map = map; self.scale = scale; self.range = range
    }

    /// The colour bar for `values` (finite, and positive on a log scale).
    func colorBar(values: [Double], what: String) throws -> ColorBarSpec {
        if scale == .log { try Validation.positive(values, what, axis: "colour") }
        var finite = values.filter(\.isFinite)
        if finite.isEmpty { finite = [0] }
        let axis = try AxisSpec.numeric(Axis(label, scale: scale, range: range), values: finite, padFraction: 0, what: "colour")
        return ColorBarSpec(map: map, axis: axis)
    }
}
