/// The symbol drawn at each data point.
public enum Marker: Hashable, Sendable, Codable, CaseIterable {
    /// No symbol (lines only).
    case none
    /// A filled disc.
    case circle
    /// A filled square.
    case square
    /// A filled upward triangle.
    case triangle
    /// A filled diamond.
    case diamond
    /// A filled downward triangle.
    case triangleDown

    /// The shapes used in turn for series that need distinct symbols (e.g. one per layer).
    public static let distinct: [Marker] = [.circle, .square, .triangle, .diamond, .triangleDown]
}

/// How a line is stroked.
public enum LineStyle: Hashable, Sendable, Codable {
    /// A continuous line.
    case solid
    /// Long dashes.
    case dashed
    /// Short dots.
    case dotted
    /// No line (markers only).
    case none
}
