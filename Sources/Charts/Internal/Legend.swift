
/// Measures, places and draws a legend box.
struct Legend {
    let entries: [LegendEntry]
    static let inset = 6.0       // distance from the plot-area edges when placed inside
    static let padding = 5.0
    static let swatchWidth = 20.0
    static let gap = 5.0

    static let rowSpacing = 14.0   // between entries of a one-row legend

    /// Size of the box: one entry per line, or entries packed into rows no wider than `rowWidth`.
    func size(on canvas: Canvas, rowWidth: Double? = nil) -> (width: Double, height: Double) {
        if let rowWidth {
            let rows = packRows(canvas, width: rowWidth - 2 * Self.padding)
            let widths = entryWidths(canvas)
            var w = 0.0
            for r in rows {
                let entriesW: Double = r.map { widths[$0] }.reduce(0, +)
                w = max(w, entriesW + Self.rowSpacing * Double(r.count - 1))
            }
            return (w + 2 * Self.padding, Double(rows.count) * rowHeight(canvas) + 2 * Self.padding)
        }
        let textW = entries.map { canvas.measure($0.label, style: Theme.legendText).width }.max() ?? 0
        return (2 * Self.padding + Self.swatchWidth + Self.gap + textW,
                2 * Self.padding + Double(entries.count) * rowHeight(canvas))
    }

    /// Entry indices packed greedily into rows of at most `width`.
    func packRows(_ canvas: Canvas, width: Double) -> [[Int]] {
        let widths = entryWidths(canvas)
        var rows: [[Int]] = [], current: [Int] = [], used = 0.0
        for (i, w) in widths.enumerated() {
            let extra = current.isEmpty ? w : w + Self.rowSpacing
            if !current.isEmpty && used + extra > width { rows.append(current); current = [i]; used = w } else { current.append(i); used += extra }
        }
        if !current.isEmpty { rows.append(current) }
        return rows
    }

    private func entryWidths(_ canvas: Canvas) -> [Double] {
        entries.map { Self.swatchWidth + Self.gap + canvas.measure($0.label, style: Theme.legendText).width }
    }

    func rowHeight(_ canvas: Canvas) -> Double { canvas.lineHeight(Theme.legendText) + 1.5 }

    /// The inside position hiding the fewest data cells with that count, or nil if the legend does
    /// not fit inside the plot area.
    func bestInside(_ plot: Rect, occupancy: OccupancyGrid, canvas: Canvas) -> (rect: Rect, hidden: Int)? {
        let (w, h) = size(on: canvas)
        let i = Self.inset
        guard w + 2 * i <= plot.width, h + 2 * i <= plot.height else { return nil }
        let xs = [plot.maxX - i - w, plot.minX + i, plot.midX - w / 2]
        let ys = [plot.minY + i, plot.maxY - i - h, plot.midY - h / 2]
        // Preference order: corners first (top-right, top-left, bottom-right, bottom-left), then edges.
        let candidates: [(Int, Int)] = [(0, 0), (1, 0), (0, 1), (1, 1), (2, 0), (2, 1), (0, 2), (1, 2)]
        var best: (Rect, Int)?
        for (cx, cy) in candidates {
            let r = Rect(x: xs[cx], y: ys[cy], width: w, height: h)
            let n = occupancy.count(in: r.insetBy(-2))
            if best == nil || n < best!.1 { best = (r, n) }
        }
        return best.map { ($0.0, $0.1) }
    }

    func draw(on canvas: inout Canvas, in box: Rect, horizontal: Bool = false) {
        let rh = rowHeight(canvas)
        if horizontal {
            // Rows above the plot need no frame: they stand apart from the data already.
            let widths = entryWidths(canvas)
            for (k, row) in packRows(canvas, width: box.width - 2 * Self.padding + 0.001).enumerated() {
                let entriesW: Double = row.map { widths[$0] }.reduce(0, +)
                let rowW = entriesW + Self.rowSpacing * Double(row.count - 1)
                var x = box.midX - rowW / 2
                for i in row {
                    drawEntry(entries[i], x0: x, cy: box.minY + Self.padding + (Double(k) + 0.5) * rh, on: &canvas)
                    x += widths[i] + Self.rowSpacing
                }
            }
            return
        }
        canvas.fillRect(box, color: Color.white.withAlpha(0.92))
        let frame = [Point(box.minX, box.minY), Point(box.maxX, box.minY), Point(box.maxX, box.maxY),
                     Point(box.minX, box.maxY), Point(box.minX, box.minY)]
        canvas.strokePolyline(frame, lineWidth: 0.6, color: Color(hex: 0xCCCCCC))
        for (k, e) in entries.enumerated() {
            drawEntry(e, x0: box.minX + Self.padding, cy: box.minY + Self.padding + (Double(k) + 0.5) * rh, on: &canvas)
        }
    }

    private func drawEntry(_ e: LegendEntry, x0: Double, cy: Double, on canvas: inout Canvas) {
        let x1 = x0 + Self.swatchWidth
        switch e.swatch {
        case .line(let width, let style, let marker, let band):
            if band {
                canvas.fillRect(Rect(x: x0, y: cy - 4, width: x1 - x0, height: 8), color: e.color.withAlpha(Theme.bandAlpha))
            }
            if style != .none {
                canvas.strokeLine(from: Point(x0, cy), to: Point(x1, cy), lineWidth: width, color: e.color,
                                  dash: Canvas.dashPattern(style, width: width))
            }
            if marker != .none { canvas.drawMarker(marker, at: Point((x0 + x1) / 2, cy), size: Theme.markerSize, color: e.color) }
        case .patch:
            canvas.fillRect(Rect(x: x0 + 4, y: cy - 5, width: x1 - x0 - 8, height: 10), color: e.color)
        case .marker(let m):
            canvas.drawMarker(m, at: Point((x0 + x1) / 2, cy), size: Theme.markerSize + 0.5, color: e.color)
        }
        canvas.drawText(e.label, at: Point(x1 + Self.gap, cy), style: Theme.legendText, anchor: .centerLeft)
    }
}
