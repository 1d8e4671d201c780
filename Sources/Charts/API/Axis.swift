/// One axis of a plot: its label, linear, logarithmic or symmetric-log scale, and an optional fixed range.
///
/// ```swift
/// let y = Axis("test loss", scale: .log)
/// let x = Axis("epoch", range: 0...100)
/// let w = Axis("weight decay", scale: .symlog(linearWidth: 1e-5))   // 0, 1e-5, 1e-4, … on one axis
/// ```
public struct Axis: Hashable, Sendable, Codable {
    /// How data values map to positions along the axis.
    public enum Scale: Hashable, Sendable, Codable {
        /// Equal distances for equal differences.
        case linear
        /// Equal distances for equal ratios (base 10); every value must be positive.
        case log
        /// Symmetric log: linear within about ±`linearWidth` of zero and logarithmic beyond, so
        /// 0 and negative values have a place (position ∝ sign(v)·log10(1 + |v| / linearWidth)).
        case symlog(linearWidth: Double)
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
