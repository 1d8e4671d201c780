/// A continuous colour scale shown as a bar to the right of the plot area.
struct ColorBarSpec {
    var map: ColorMap
    var axis: AxisSpec

    func color(_ v: Double) -> Color { map.color(at: axis.fraction(v)) }

    static let gap = 12.0
    static let barWidth = 11.0

    /// Horizontal space the bar, its tick labels and its label take.
    func reserve(on canvas: Canvas) -> Double {
        let tickW = axis.tickLabels.map { canvas.measure($0, style: Theme.tickText).width }.max() ?? 0
        let labelW = axis.label.isEmpty ? 0 : canvas.lineHeight(Theme.axisLabel) + 6
        return Self.gap + Self.barWidth + Theme.tickLength + 3 + tickW + labelW
    }

    func draw(on canvas: inout Canvas, beside plot: Rect, offset: Double = 0) {
        let x0 = plot.maxX + offset + Self.gap
        let bar = Rect(x: x0, y: plot.minY, width: Self.barWidth, height: plot.height)
        // One device row per colour, on whole device pixels (no half-covered rows mixing with white).
        let s = canvas.scale
        let y0 = Int((bar.minY * s).rounded()), y1 = Int((bar.maxY * s).rounded())
        let x0d = (bar.minX * s).rounded() / s, x1d = (bar.maxX * s).rounded() / s
        for r in y0..<max(y0, y1) {
            let t = 1 - (Double(r - y0) + 0.5) / Double(y1 - y0)
            canvas.fillRect(Rect(x: x0d, y: Double(r) / s, width: x1d - x0d, height: 1 / s), color: map.color(at: t))
        }
        canvas.strokePolyline([Point(bar.minX, bar.minY), Point(bar.maxX, bar.minY), Point(bar.maxX, bar.maxY),
                               Point(bar.minX, bar.maxY), Point(bar.minX, bar.minY)], lineWidth: 0.6, color: Theme.spine)
        var maxW = 0.0
        for (v, label) in zip(axis.ticks, axis.tickLabels) {
            let y = bar.maxY - axis.fraction(v) * bar.height
            canvas.strokeLine(from: Point(bar.maxX, y), to: Point(bar.maxX + Theme.tickLength, y),
                              lineWidth: Theme.spineWidth, color: Theme.spine)
            let r = canvas.drawText(label, at: Point(bar.maxX + Theme.tickLength + 3, y), style: Theme.tickText, anchor: .centerLeft)
            maxW = max(maxW, r.width)
        }
        if !axis.label.isEmpty {
            canvas.drawText(axis.label, at: Point(bar.maxX + Theme.tickLength + 3 + maxW + 5, bar.midY),
                            style: Theme.axisLabel, anchor: .topCenter, vertical: true)
        }
    }
}
