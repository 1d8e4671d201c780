/// Small images in rows and columns with row and column labels, e.g. data samples under each
/// corruption (rows: corruption, columns: examples).
///
/// ```swift
/// let grid = ImageGrid(title: "Fashion-MNIST under each corruption",
///                      images: corruptions.map { c in samples(c) },     // [[GridImage]]
///                      rowLabels: ["true labels", "shuffled pixels", "random pixels", "Gaussian"],
///                      columnLabels: ["T-shirt", "trouser", "pullover"])
/// ```
///
/// Images are scaled up by pixel replication (no blurring) to the largest size that fits. An
/// empty grid, ragged rows, label counts that do not match, wrong pixel counts and NaN or
/// infinite pixels throw `ChartError`.
public struct ImageGrid: Hashable, Sendable, Codable {
    /// Title above the grid.
    public var title: String
    /// `images[row][column]`; every row has the same number of images.
    public var images: [[GridImage]]
    /// One label per row, drawn on the left (may be empty).
    public var rowLabels: [String]
    /// One label per column, drawn above (may be empty).
    public var columnLabels: [String]
    /// How grayscale values are coloured (gray by default; RGB images ignore it).
    public var colorMap: ColorMap
    /// Text lines under each image, `cellLabels[row][column]` (empty: none; an empty line leaves
    /// its space blank).
    public var cellLabels: [[[String]]]
    /// Images framed in red, `highlighted[row][column]` (empty: none).
    public var highlighted: [[Bool]]

    /// Creates an image grid description.
    public init(title: String = "", images: [[GridImage]], rowLabels: [String] = [], columnLabels: [String] = [],
                colorMap: ColorMap = .gray, cellLabels: [[[String]]] = [], highlighted: [[Bool]] = []) {
        self.title = title; self.images = images; self.rowLabels = rowLabels
        self.columnLabels = columnLabels; self.colorMap = colorMap
        self.cellLabels = cellLabels; self.highlighted = highlighted
    }

    /// Renders to PNG bytes (`width`×`height` logical units at `scale` device pixels per unit).
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2) throws -> [UInt8] {
        try render(width: width, height: height, scale: scale).encodePNG()
    }

    /// Renders and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale), to: path)
    }

    /// The figure height (logical units) at which images fill a `width`-wide figure with no empty
    /// bands above and below; use it to size the figure, e.g. `grid.write(to:width:640,height:grid.naturalHeight(width: 640))`.
    public func naturalHeight(width: Int) throws -> Int {
        guard !images.isEmpty, !images[0].isEmpty else { throw ChartError.emptyData("ImageGrid \"\(title)\" has no images") }
        // Lay out in a very tall canvas so the width is the binding constraint.
        let canvas = try Canvas(logicalWidth: Double(width), logicalHeight: 8000, scale: 1)
        return Int(try layout(canvas).naturalHeight.rounded(.up))
    }

    /// Where each cell goes, in logical units.
    struct Layout {
        var cells: [[Rect]]          // [row][column]
        var columnLabelLines: [[String]]
        var titleLines: [String]
        var titleY: Double
        var columnLabelY: Double
        /// The figure height at which the grid fills the width with no empty band (logical units).
        var naturalHeight: Double
    }

    func layout(_ canvas: Canvas) throws -> Layout {
        let rows = images.count, cols = images[0].count
        let W = canvas.logicalWidth, H = canvas.logicalHeight, pad = Theme.padding, gap = 4.0
        let th = canvas.lineHeight(Theme.tickText)
        let titleLines = title.isEmpty ? [] : CartesianChart.wrap(title, width: W - 2 * pad, canvas, style: Theme.title)
        let top = pad + (title.isEmpty ? 0 : Double(titleLines.count) * canvas.lineHeight(Theme.title) + 8)
        let rowLabelW = rowLabels.isEmpty ? 0 : rowLabels.map { canvas.measure($0, style: Theme.axisLabel).width }.max()! + 10
        let aspect = images.flatMap { $0 }.map { Double($0.height) / Double($0.width) }.max()!
        // Room for the text lines under each image (0 without cell labels).
        let cellLines = cellLabels.flatMap { $0 }.map(\.count).max() ?? 0
        let cellLabelH = cellLines == 0 ? 0 : Double(cellLines) * th + 2
        func cellWidth(labelLines: Int) -> Double {
            let labelH = columnLabels.isEmpty ? 0 : Double(labelLines) * th + 4
            let byW = (W - 2 * pad - rowLabelW - gap * Double(cols - 1)) / Double(cols)
            let byH = (H - top - labelH - pad - gap * Double(rows - 1) - cellLabelH * Double(rows)) / Double(rows) / aspect
            return min(byW, byH)
        }
        var cw = cellWidth(labelLines: 1)
        var lines = columnLabels.map { CartesianChart.wrap($0, width: cw + gap, canvas) }
        let maxLines = lines.map(\.count).max() ?? 1
        if maxLines > 1 {
            cw = cellWidth(labelLines: min(maxLines, 3))
            lines = columnLabels.map { Array(CartesianChart.wrap($0, width: cw + gap, canvas).prefix(3)) }
        }
        guard cw >= 4 else {
            throw ChartError.invalidParameter("a \(rows)×\(cols) image grid does not fit in \(Int(W))×\(Int(H)); make the figure larger")
        }
        let ch = cw * aspect
        let labelH = columnLabels.isEmpty ? 0 : Double(lines.map(\.count).max() ?? 1) * th + 4
        let gridW = rowLabelW + Double(cols) * cw + Double(cols - 1) * gap
        let gridH = labelH + Double(rows) * (ch + cellLabelH) + Double(rows - 1) * gap
        let x0 = (W - gridW) / 2 + rowLabelW
        // Title and grid stay together as one block, centred vertically in the figure.
        let slack = max(0, (H - top - pad - gridH) / 2)
        let y0 = top + slack + labelH
        // Snap cells to device pixels so every image pixel becomes a whole block of device pixels.
        func snap(_ v: Double) -> Double { (v * canvas.scale).rounded() / canvas.scale }
        let cells = (0..<rows).map { r in
            (0..<cols).map { c in
                let x = snap(x0 + Double(c) * (cw + gap)), y = snap(y0 + Double(r) * (ch + cellLabelH + gap))
                return Rect(x: x, y: y, width: snap(x + cw) - x, height: snap(y + ch) - y)
            }
        }
        return Layout(cells: cells, columnLabelLines: lines, titleLines: titleLines, titleY: pad + slack,
                      columnLabelY: y0 - labelH, naturalHeight: top + gridH + pad)
    }

    func render(width: Int, height: Int, scale: Int) throws -> Canvas {
        try CartesianChart.checkSize(width: width, height: height, scale: scale)
        guard !images.isEmpty, !images[0].isEmpty else { throw ChartError.emptyData("ImageGrid \"\(title)\" has no images") }
        let cols = images[0].count
        for (r, row) in images.enumerated() { try Validation.sameLength(row.count, cols, "ImageGrid row \(r)") }
        if !rowLabels.isEmpty { try Validation.sameLength(rowLabels.count, images.count, "ImageGrid rowLabels") }
        if !columnLabels.isEmpty { try Validation.sameLength(columnLabels.count, cols, "ImageGrid columnLabels") }
        if !cellLabels.isEmpty {
            try Validation.sameLength(cellLabels.count, images.count, "ImageGrid cellLabels")
            for (r, row) in cellLabels.enumerated() { try Validation.sameLength(row.count, cols, "ImageGrid cellLabels row \(r)") }
        }
        if !highlighted.isEmpty {
            try Validation.sameLength(highlighted.count, images.count, "ImageGrid highlighted")
            for (r, row) in highlighted.enumerated() { try Validation.sameLength(row.count, cols, "ImageGrid highlighted row \(r)") }
        }
        let ranges = try images.enumerated().map { r, row in
            try row.enumerated().map { c, image in try image.validatedRange("image [\(r)][\(c)]") }
        }
        var canvas = try Canvas(logicalWidth: Double(width), logicalHeight: Double(height), scale: Double(scale))
        let l = try layout(canvas)
        for (k, line) in l.titleLines.enumerated() {
            canvas.drawText(line, at: Point(canvas.logicalWidth / 2, l.titleY + Double(k) * canvas.lineHeight(Theme.title)),
                            style: Theme.title, anchor: .topCenter)
        }
        let th = canvas.lineHeight(Theme.tickText)
        for (c, lines) in l.columnLabelLines.enumerated() {
            for (k, line) in lines.enumerated() {
                canvas.drawText(line, at: Point(l.cells[0][c].midX, l.columnLabelY + Double(k) * th),
                                style: Theme.tickText, anchor: .topCenter)
            }
        }
        for (r, label) in rowLabels.enumerated() {
            canvas.drawText(label, at: Point(l.cells[r][0].minX - 8, l.cells[r][0].midY), style: Theme.axisLabel, anchor: .centerRight)
        }
        for (r, row) in images.enumerated() {
            for (c, image) in row.enumerated() {
                blit(image, range: ranges[r][c], into: l.cells[r][c], on: &canvas)
                let b = l.cells[r][c]
                let frame = [Point(b.minX, b.minY), Point(b.maxX, b.minY), Point(b.maxX, b.maxY), Point(b.minX, b.maxY), Point(b.minX, b.minY)]
                if !highlighted.isEmpty && highlighted[r][c] {
                    canvas.strokePolyline(frame, lineWidth: 2, color: Color(hex: 0xD62728))
                } else {
                    canvas.strokePolyline(frame, lineWidth: 0.5, color: Color(hex: 0xB0B0B0))
                }
                if !cellLabels.isEmpty {
                    for (k, line) in cellLabels[r][c].enumerated() where !line.isEmpty {
                        canvas.drawText(line, at: Point(b.midX, b.maxY + 2 + Double(k) * th), style: Theme.tickText, anchor: .topCenter)
                    }
                }
            }
        }
        return canvas
    }

    /// Nearest-neighbour copy of an image into a device-pixel-aligned box.
    private func blit(_ image: GridImage, range: ClosedRange<Double>, into box: Rect, on canvas: inout Canvas) {
        let s = canvas.scale
        let x0 = Int((box.minX * s).rounded()), x1 = Int((box.maxX * s).rounded())
        let y0 = Int((box.minY * s).rounded()), y1 = Int((box.maxY * s).rounded())
        guard x1 > x0, y1 > y0 else { return }
        let span = range.upperBound - range.lowerBound
        for py in y0..<y1 {
            let sy = min(image.height - 1, (py - y0) * image.height / (y1 - y0))
            for px in x0..<x1 {
                let sx = min(image.width - 1, (px - x0) * image.width / (x1 - x0))
                let i = (sy * image.width + sx) * image.channels
                if image.channels == 1 {
                    let c = colorMap.color(at: (image.pixels[i] - range.lowerBound) / span)
                    canvas.setPixel(x: px, y: py, red: Float(c.red), green: Float(c.green), blue: Float(c.blue))
                } else {
                    func ch(_ k: Int) -> Float { Float(min(max((image.pixels[i + k] - range.lowerBound) / span, 0), 1)) }
                    canvas.setPixel(x: px, y: py, red: ch(0), green: ch(1), blue: ch(2))
                }
            }
        }
    }
}
