/// A labelled vertical or horizontal line marking a notable value, e.g. the interpolation
/// threshold `#params = #samples × classes`.
///
/// ```swift
/// let threshold = ReferenceLine.vertical(at: 4000, label: "#params = #samples × classes")
/// ```
public struct ReferenceLine: Hashable, Sendable, Codable {
    /// Which way the line runs.
    public enum Orientation: Hashable, Sendable, Codable {
        /// A vertical line at an x value.
        case vertical
        /// A horizontal line at a y value.
        case horizontal
    }

    /// Vertical (at an x value) or horizontal (at a y value).
    public var orientation: Orientation
    /// The data value where the line sits.
    public var value: Double
    /// Text drawn next to the line (may be empty).
    public var label: String
    /// Line and label colour.
    public var color: Color
    /// Dashed (the default) or solid.
    public var dashed: Bool

    /// Creates a reference line.
    public init(_ orientation: Orientation, at value: Double, label: String = "",
                color: Color = Color(hex: 0x555555), dashed: Bool = true) {
        self.orientation = orientation; self.value = value; self.label = label
        self.color = color; self.dashed = dashed
    }

    /// A vertical line at `x`.
    public static func vertical(at x: Double, label: String = "") -> ReferenceLine {
        ReferenceLine(.vertical, at: x, label: label)
    }

    /// A horizontal line at `y`.
    public static func horizontal(at y: Double, label: String = "") -> ReferenceLine {
        ReferenceLine(.horizontal, at: y, label: label)
    }
}
