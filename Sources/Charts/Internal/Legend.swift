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

/// Measures, places and draws a legend box.
struct Legend {
    let entries: [LegendEntry]
    static let inset = 6.0       // distance from the plot-area edges when placed inside
    static let padding = 5.0
    static let swatchWidth = 20.0
    static let gap = 5.0

    func size(on canvas: Canvas) -> (width: Double, height: Double) {
        let textW = entries.map { canvas.measure($0.label, style: Theme.legendText).width }.max() ?? 0
        return (2 * Self.padding + Self.swatchWidth + Self.gap + textW,
                2 * Self.padding + Double(entries.count) * rowHeight(canvas))
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

    func draw(on canvas: inout Canvas, in box: Rect) {
        canvas.fillRect(box, color: Color.white.withAlpha(0.92))
        let frame = [Point(box.minX, box.minY), Point(box.maxX, box.minY), Point(box.maxX, box.maxY),
                     Point(box.minX, box.maxY), Point(box.minX, box.minY)]
        canvas.strokePolyline(frame, lineWidth: 0.6, color: Color(hex: 0xCCCCCC))
        let rh = rowHeight(canvas)
        for (k, e) in entries.enumerated() {
            let cy = box.minY + Self.padding + (Double(k) + 0.5) * rh
            let x0 = box.minX + Self.padding, x1 = x0 + Self.swatchWidth
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
}
