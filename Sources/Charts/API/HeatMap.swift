import Foundation

/// A matrix of values as coloured cells with a colour bar, e.g. test accuracy over width × depth.
///
/// ```swift
/// let h = HeatMap(title: "Test error", values: grid,             // grid[row][column]
///                 rowLabels: ["1", "2", "4"], columnLabels: ["16", "64", "256", "1024"],
///                 xLabel: "width", yLabel: "depth", colorScale: ColorScale("test error"),
///                 showValues: true)
/// ```
///
/// Row 0 is drawn at the top. NaN or infinite cells are drawn light gray and counted in a visible
/// note. An empty matrix, ragged rows, label counts that differ from the matrix shape, a matrix
/// with no finite value, or a non-positive value on a log colour scale throw `ChartError`.
public struct HeatMap: Hashable, Sendable, Codable {
    /// Title above the plot.
    public var title: String
    /// `values[row][column]`; every row has the same length.
    public var values: [[Double]]
    /// One label per row (empty: row numbers).
    public var rowLabels: [String]
    /// One label per column (empty: column numbers).
    public var columnLabels: [String]
    /// Label under the column names.
    public var xLabel: String
    /// Label beside the row names.
    public var yLabel: String
    /// Colour map, label, linear/log mapping and range of the colour bar.
    public var colorScale: ColorScale
    /// Prints each value in its cell when the cell is large enough.
    public var showValues: Bool

    /// Creates a heat map description.
    public init(title: String = "", values: [[Double]], rowLabels: [String] = [], columnLabels: [String] = [],
                xLabel: String = "", yLabel: String = "", colorScale: ColorScale = ColorScale(),
                showValues: Bool = false) {
        self.title = title; self.values = values; self.rowLabels = rowLabels; self.columnLabels = columnLabels
        self.xLabel = xLabel; self.yLabel = yLabel; self.colorScale = colorScale; self.showValues = showValues
    }

    /// Renders to PNG bytes (`width`×`height` logical units at `scale` device pixels per unit).
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2) throws -> [UInt8] {
        try chart().renderPNG(width: width, height: height, scale: scale)
    }

    /// Renders and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale), to: path)
    }

    func chart() throws -> CartesianChart {
        guard let columns = values.first?.count, columns > 0 else {
            throw ChartError.emptyData("HeatMap \"\(title)\" has no cells")
        }
        let rows = values.count
        for (r, row) in values.enumerated() { try Validation.sameLength(row.count, columns, "HeatMap row \(r)") }
        if !rowLabels.isEmpty { try Validation.sameLength(rowLabels.count, rows, "HeatMap rowLabels") }
        if !columnLabels.isEmpty { try Validation.sameLength(columnLabels.count, columns, "HeatMap columnLabels") }
        let all = values.flatMap { $0 }
        let finite = all.filter(\.isFinite)
        guard !finite.isEmpty else { throw ChartError.nonFiniteValue("HeatMap \"\(title)\": no finite cell") }
        let bar = try colorScale.colorBar(values: finite, what: "HeatMap values")
        var notes: [String] = []
        if finite.count < all.count {
            let n = all.count - finite.count
            notes.append("\(n) cell\(n == 1 ? "" : "s") with NaN or infinite values shown in light gray")
        }
        let x = AxisSpec.categorical(xLabel, names: columnLabels.isEmpty ? (0..<columns).map(String.init) : columnLabels)
        var y = AxisSpec.categorical(yLabel, names: rowLabels.isEmpty ? (0..<rows).map(String.init) : rowLabels)
        (y.lo, y.hi) = (y.hi, y.lo)      // row 0 at the top
        let values = self.values, showValues = self.showValues
        // Three significant digits of the largest magnitude, the same decimals in every cell.
        let biggest = finite.map(abs).max() ?? 1
        let decimals = biggest > 0 ? max(0, min(6, 2 - Int(log10(biggest).rounded(.down)))) : 0
        let useScientific = biggest >= 1e5 || (biggest > 0 && biggest < 1e-3)
        let missing = Color(hex: 0xDDDDDD)
        return CartesianChart(
            title: title, x: x, y: y, legendPlacement: .hidden, colorBar: bar, notes: notes,
            mark: { _, _ in },
            draw: { canvas, f in
                // Cell edges snapped to device pixels so neighbouring cells meet without seams.
                func edge(_ v: Double) -> Double { (v * canvas.scale).rounded() / canvas.scale }
                for r in 0..<rows {
                    for c in 0..<columns {
                        let x0 = edge(f.px(Double(c) - 0.5)), x1 = edge(f.px(Double(c) + 0.5))
                        let y0 = edge(f.py(Double(r) - 0.5)), y1 = edge(f.py(Double(r) + 0.5))
                        let cell = Rect(x: x0, y: min(y0, y1), width: x1 - x0, height: abs(y1 - y0))
                        let v = values[r][c]
                        let color = v.isFinite ? bar.color(v) : missing
                        canvas.fillRect(cell, color: color)
                        guard showValues, v.isFinite else { continue }
                        let text = useScientific ? Ticks.scientific(v) : Ticks.fixed(v, decimals: decimals)
                        let (tw, th) = canvas.measure(text, style: Theme.annotation)
                        guard tw + 4 <= cell.width, th + 2 <= cell.height else { continue }
                        let luminance = 0.2126 * color.red + 0.7152 * color.green + 0.0722 * color.blue
                        canvas.drawText(text, at: Point(cell.midX, cell.midY),
                                        style: TextStyle(size: Theme.annotation.size, color: luminance < 0.5 ? .white : .ink),
                                        anchor: .center)
                    }
                }
            })
    }
}
