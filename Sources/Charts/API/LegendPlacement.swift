/// Where a plot's legend goes.
public enum LegendPlacement: Hashable, Sendable, Codable {
    /// Inside the plot area in the corner or edge that hides the least data; outside on the right
    /// when every inside position would cover data.
    case automatic
    /// Always outside, to the right of the plot area.
    case outside
    /// No legend.
    case hidden
}
