/// Anything that renders to a PNG: every plot kind of this module conforms, so the book can keep
/// a list of `any Chart` and write them all the same way.
///
/// ```swift
/// let figures: [(String, any Chart)] = [("loss", linePlot), ("plane", scatterPlot)]
/// for (name, chart) in figures { try chart.write(to: "Output/fig/\(name).png", width: 640, height: 400, scale: 2) }
/// ```
public protocol Chart: Sendable {
    /// Renders to PNG bytes: a `width`×`height` logical figure at `scale` device pixels per unit.
    /// The same description always gives the same bytes.
    func renderPNG(width: Int, height: Int, scale: Int) throws -> [UInt8]

    /// Renders and writes a PNG file (creating its folder).
    func write(to path: String, width: Int, height: Int, scale: Int) throws
}

extension LinePlot: Chart {}
extension ScatterPlot: Chart {}
extension Histogram: Chart {}
extension BarChart: Chart {}
extension HeatMap: Chart {}
extension ImageGrid: Chart {}
