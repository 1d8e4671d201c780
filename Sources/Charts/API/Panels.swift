/// Several charts side by side in one figure (small multiples): one panel per condition, data set
/// or experiment, laid out in rows of `columns`, under an optional overall title.
///
/// ```swift
/// let figure = Panels(title: "Random labels on three data sets", columns: 3,
///                     panels: [mnistCurves, fashionCurves, cifarCurves])
/// try figure.write(to: "Output/fig/random-labels.png", width: 960, height: 320)
/// ```
///
/// Each panel is rendered at its cell's size by its own chart kind (so it keeps its own axes, ticks
/// and legend) and copied into place; panels share the figure's scale and appearance.
public struct Panels: Sendable {
    /// Title above all panels (may be empty).
    public var title: String
    /// Panels per row.
    public var columns: Int
    /// The charts, filled row by row.
    public var panels: [any Chart]

    /// Creates a panel figure.
    public init(title: String = "", columns: Int, panels: [any Chart]) {
        self.title = title; self.columns = columns; self.panels = panels
    }

    /// Renders to PNG bytes: the whole figure is `width`×`height` logical units.
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2) throws -> [UInt8] {
        try render(width: width, height: height, scale: scale).encodePNG()
    }

    /// Renders and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale), to: path)
    }

    func render(width: Int, height: Int, scale: Int) throws -> Canvas {
        guard !panels.isEmpty else { throw ChartError.emptyData("Panels \"\(title)\" has no panels") }
        guard columns >= 1 else { throw ChartError.invalidParameter("Panels \"\(title)\": columns \(columns) must be at least 1") }
        try CartesianChart.checkSize(width: width, height: height, scale: scale)
        var canvas = try Canvas(logicalWidth: Double(width), logicalHeight: Double(height), scale: Double(scale))
        let top = title.isEmpty ? 0 : canvas.lineHeight(Theme.title) + Theme.padding
        let cells = cellRects(width: Double(width), height: Double(height) - top, top: top)
        if !title.isEmpty {
            canvas.drawText(title, at: Point(Double(width) / 2, Theme.padding), style: Theme.title, anchor: .topCenter)
        }
        for (chart, cell) in zip(panels, cells) {
            let w = Int(cell.width.rounded(.down)), h = Int(cell.height.rounded(.down))
            let image = try PNGImage.decode(chart.renderPNG(width: w, height: h, scale: scale))
            canvas.blit(image, atDeviceX: Int((cell.minX * Double(scale)).rounded()), y: Int((cell.minY * Double(scale)).rounded()))
        }
        return canvas
    }

    /// Logical rectangles of the panels, row by row below `top`.
    func cellRects(width: Double, height: Double, top: Double) -> [Rect] {
        let cols = min(columns, panels.count), rows = (panels.count + columns - 1) / columns
        let w = width / Double(cols), h = height / Double(rows)
        return panels.indices.map { i in
            Rect(x: Double(i % columns) * w, y: top + Double(i / columns) * h, width: w, height: h)
        }
    }
}

extension Panels: Chart {}
