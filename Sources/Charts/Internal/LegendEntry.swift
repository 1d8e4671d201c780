/// One legend row: a swatch and its label.
struct LegendEntry {
    enum Swatch {
        /// A short line (optionally with a marker and a faint band behind it).
        case line(width: Double, style: LineStyle, marker: Marker, band: Bool)
        /// A filled square (bars, histograms).
        case patch
        /// A marker alone (scatter plots).
        case marker(Marker)
    }
    var label: String
    var color: Color
    var swatch: Swatch
}
