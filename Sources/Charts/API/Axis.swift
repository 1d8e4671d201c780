/// One axis of a plot: its label, linear or logarithmic scale, and an optional fixed range.
///
/// ```swift
/// let y = Axis("test loss", scale: .log)
/// let x = Axis("epoch", range: 0...100)
/// ```
public struct Axis: Hashable, Sendable, Codable {
    /// How data values map to positions along the axis.
    public enum Scale: Hashable, Sendable, Codable {
        /// Equal distances for equal differences.
        case linear
        /// Equal distances for equal ratios (base 10); every value must be positive.
        case log
    }

    /// The axis label; `^{...}` and `_{...}` mark superscripts and subscripts.
    public var label: String
    /// Linear or logarithmic.
    public var scale: Scale
    /// A fixed data range, or nil to fit the data with a small margin.
    public var range: ClosedRange<Double>?

    /// Creates an axis description.
    public init(_ label: String = "", scale: Scale = .linear, range: ClosedRange<Double>? = nil) {
        self.label = label
        self.scale = scale
        self.range = range
    }
}
