/// Where a plot's legend goes.
public enum LegendPlacement: Hashable, Sendable, Codable {
    /// Inside the plot area in the first corner or edge spot that hides no data; else in one or
    /// two rows between the title and the plot; else outside on the right.
    case automatic
    /// Always outside, to the right of the plot area.
    case outside
    /// No legend.
    case hidden
}
