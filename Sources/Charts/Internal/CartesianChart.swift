import Foundation

/// The shared renderer behind every plot with x and y axes: it lays out title, axes, tick labels,
/// colour bar and legend, finds the legend spot that hides no data, and calls back to draw data.
struct CartesianChart {
    var title: String
    var x: AxisSpec
    var y: AxisSpec
    var legend: [LegendEntry] = []
    var legendPlacement: LegendPlacement = .automatic
    var colorBar: ColorBarSpec?
    var referenceLines: [ReferenceLine] = []
    var notes: [String] = []
    /// Marks the cells the data covers (for legend placement).
    var mark: (inout OccupancyGrid, CartesianFrame) -> Void
    /// Draws the data; the canvas is clipped to the plot area.
    var draw: (inout Canvas, CartesianFrame) -> Void
    /// Draws annotations that may extend past the plot area (e.g. value labels over bars).
    var overlay: ((inout Canvas, CartesianFrame) -> Void)? = nil

    /// Renders to PNG bytes at `scale` device pixels per logical unit.
    func renderPNG(width: Int, height: Int, scale: Int) throws -> [UInt8] {
        try render(width: width, height: height, scale: scale).encodePNG()
    }

    func render(width: Int, height: Int, scale: Int) throws -> Canvas {
        try Self.checkSize(width: width, height: height, scale: scale)
        var canvas = try Canvas(logicalWidth: Double(width), logicalHeight: Double(height), scale: Double(scale))
        let (layout, legendRect) = try resolve(canvas)
        let frame = layout.frame
        drawGrid(&canvas, frame)
        canvas.clip = frame.plot
        draw(&canvas, frame)
        drawReferenceLines(&canvas, layout)
        canvas.clip = nil
        overlay?(&canvas, frame)
        drawOutsideReferenceLabels(&canvas, layout)
        drawAxes(&canvas, layout)
        colorBar?.draw(on: &canvas, beside: frame.plot, offset: layout.labelReserve)
        if let legendRect { Legend(entries: legend).draw(on: &canvas, in: legendRect, horizontal: layout.legendHorizontal) }
        drawNotes(&canvas)
        return canvas
    }

    /// The final layout and legend box for a canvas (tests use it to find where data should be).
    func resolve(_ canvas: Canvas) throws -> (Layout, Rect?) {
        let width = Int(canvas.logicalWidth), height = Int(canvas.logicalHeight)
        let legendBox = Legend(entries: legend)
        let colorReserve = colorBar.map { $0.reserve(on: canvas) } ?? 0
        var layout = try self.layout(canvas, rightReserve: colorReserve)
        // Horizontal reference-line labels with no clear spot inside go into the right margin.
        let outside = outsideReferenceLabels(layout.frame, canvas)
        let labelReserve = outside.isEmpty ? 0
            : outside.map { canvas.measure(referenceLines[$0].label, style: Theme.annotation).width }.max()! + 8
        if labelReserve > 0 { layout = try self.layout(canvas, rightReserve: labelReserve + colorReserve) }
        layout.outsideLabels = outside
        layout.labelReserve = labelReserve
        let fixedReserve = labelReserve + colorReserve
        var legendRect: Rect?
        var legendHorizontal = false
        if !legend.isEmpty && legendPlacement != .hidden {
            var inside: (rect: Rect, hidden: Int)?
            if legendPlacement == .automatic {
                var occupancy = OccupancyGrid(area: layout.frame.plot)
                mark(&occupancy, layout.frame)
                markReferenceLines(&occupancy, layout.frame, canvas, outside: outside)
                inside = legendBox.bestInside(layout.frame.plot, occupancy: occupancy, canvas: canvas)
                if let inside, inside.hidden == 0 { legendRect = inside.rect }
            }
            if legendRect == nil {
                // Outside: first as one row between the title and the plot, if it fits there;
                // else on the right, unless that squeezes the plot area below 45% of the figure
                // width; then the least-covering inside spot is the lesser evil.
                let (rw, rh) = legendBox.size(on: canvas, rowWidth: layout.frame.plot.width)
                let rows = legendBox.packRows(canvas, width: layout.frame.plot.width - 2 * Legend.padding).count
                let (w, h) = legendBox.size(on: canvas)
                if legendPlacement == .automatic, rows <= 2, rw <= layout.frame.plot.width,
                   var row = try? self.layout(canvas, rightReserve: fixedReserve, topReserve: rh + 2) {
                    row.outsideLabels = outside
                    row.labelReserve = labelReserve
                    layout = row
                    let plot = layout.frame.plot
                    legendRect = Rect(x: plot.midX - rw / 2, y: plot.minY - rh - 4, width: rw, height: rh)
                    legendHorizontal = true
                } else if var wide = try? self.layout(canvas, rightReserve: fixedReserve + w + 10),
                   wide.frame.plot.width >= 0.45 * canvas.logicalWidth || inside == nil {
                    wide.outsideLabels = outside
                    wide.labelReserve = labelReserve
                    layout = wide
                    let plot = layout.frame.plot
                    legendRect = Rect(x: plot.maxX + fixedReserve + 10, y: plot.minY, width: w, height: h)
                } else if let inside {
                    legendRect = inside.rect
                } else {
                    throw ChartError.invalidParameter("the legend (\(Int(w))×\(Int(h))) does not fit in a \(width)×\(height) figure")
                }
            }
        }
        layout.legendHorizontal = legendHorizontal
        return (layout, legendRect)
    }

    /// Indices of horizontal reference lines whose label has no spot inside that hides no data.
    private func outsideReferenceLabels(_ f: CartesianFrame, _ canvas: Canvas) -> Set<Int> {
        guard referenceLines.contains(where: { $0.orientation == .horizontal && !$0.label.isEmpty }) else { return [] }
        var occupancy = OccupancyGrid(area: f.plot)
        mark(&occupancy, f)
        var out: Set<Int> = []
        for (i, r) in referenceLines.enumerated() where r.orientation == .horizontal && !r.label.isEmpty {
            if let spot = referenceLabel(r, f, canvas, occupancy: occupancy), occupancy.count(in: spot.3) > 0 { out.insert(i) }
        }
        return out
    }

    static func checkSize(width: Int, height: Int, scale: Int) throws {
        guard width >= 120, height >= 90, width <= 8000, height <= 8000, (1...4).contains(scale) else {
            throw ChartError.invalidParameter("figure size \(width)×\(height) at scale \(scale): need 120...8000 × 90...8000 logical units and scale 1...4")
        }
        guard width * height * scale * scale <= 40_000_000 else {
            throw ChartError.invalidParameter("figure size \(width)×\(height) at scale \(scale) is over 40 megapixels")
        }
    }

    // MARK: - Layout

    struct Layout {
        var frame: CartesianFrame
        var xLabelStep: Int
        /// Every how many y ticks a label is drawn (more than 1 only on short plots).
        var yLabelStep: Int = 1
        var xRotated: Bool
        var xTickLabelHeight: Double
        /// Category labels broken into lines (nil: one line each, or rotated).
        var xTickLines: [[String]]? = nil
        /// Reference lines whose labels sit in the right margin, and the margin width they take.
        var outsideLabels: Set<Int> = []
        var labelReserve: Double = 0
        /// The legend is one row above the plot rather than a column.
        var legendHorizontal = false
    }

    func layout(_ canvas: Canvas, rightReserve: Double, topReserve: Double = 0) throws -> Layout {
        let W = canvas.logicalWidth, H = canvas.logicalHeight, pad = Theme.padding
        let th = canvas.lineHeight(Theme.tickText)
        let lh = canvas.lineHeight(Theme.axisLabel)
        let noteH = notes.isEmpty ? 0 : canvas.lineHeight(Theme.noteText) * Double(notes.count) + 4
        let yTickW = y.tickLabels.map { canvas.measure($0, style: Theme.tickText).width }.max() ?? 0
        let xTickWs = x.tickLabels.map { canvas.measure($0, style: Theme.tickText).width }
        let top = pad + (title.isEmpty ? th / 2 : Double(titleLines(canvas).count) * canvas.lineHeight(Theme.title) + 8) + topReserve
        let left = pad + (y.label.isEmpty ? 0 : lh + 6) + yTickW + 3 + Theme.tickLength
        var right = pad + rightReserve
        let estimatedWidth = W - left - right
        // Category names: kept on one line when neighbours leave room (each pair of adjacent
        // labels needs half of each width plus 8 units within one slot), else broken into up to
        // three lines, else turned to read upwards.
        var rotated = false
        var lines: [[String]]?
        if x.categorical, !xTickWs.isEmpty {
            let slot = estimatedWidth / Double(max(x.ticks.count, 1))
            func fits(_ widths: [Double]) -> Bool {
                for i in widths.indices.dropFirst() where (widths[i - 1] + widths[i]) / 2 + 8 > slot { return false }
                return widths.allSatisfy { $0 <= slot + 16 }
            }
            if !fits(xTickWs) {
                let wrapped = x.tickLabels.map { Self.wrap($0, width: slot - 8, canvas) }
                let widths = wrapped.map { $0.map { canvas.measure($0, style: Theme.tickText).width }.max() ?? 0 }
                if wrapped.allSatisfy({ $0.count <= 3 }) && fits(widths) {
                    lines = wrapped
                } else {
                    rotated = true
                }
            }
        }
        if !rotated, rightReserve == 0, let last = x.ticks.last, let lastW = xTickWs.last {
            let room = (1 - x.fraction(last)) * estimatedWidth
            right = max(right, lastW / 2 + 2 - room)
        }
        let tickLabelH = rotated ? (xTickWs.max() ?? th) : th * Double(lines?.map(\.count).max() ?? 1)
        let bottom = pad + noteH + (x.label.isEmpty ? 0 : lh + 5) + tickLabelH + 3 + Theme.tickLength
        let plot = Rect(x: left, y: top, width: W - left - right, height: H - top - bottom)
        guard plot.width >= 40, plot.height >= 30 else {
            throw ChartError.invalidParameter("figure \(Int(W))×\(Int(H)) leaves only \(Int(plot.width))×\(Int(plot.height)) for the plot area; make it larger or shorten labels")
        }
        let frame = CartesianFrame(plot: plot, x: x, y: y)
        // Thin out numeric x labels that would collide.
        var step = 1
        // Category names are never dropped unless turned upright and still denser than a line.
        if lines == nil && x.ticks.count > 1 && (!x.categorical || rotated) {
            var minSpacing = Double.infinity
            for i in 1..<x.ticks.count { minSpacing = min(minSpacing, abs(frame.px(x.ticks[i]) - frame.px(x.ticks[i - 1]))) }
            let need = rotated ? th + 1 : (xTickWs.max() ?? 0) + 8
            while Double(step) * minSpacing < need && step < x.ticks.count { step += 1 }
        }
        // Thin out y labels on short plots (categorical rows too) so neighbours never touch.
        var yStep = 1
        if y.ticks.count > 1 {
            var minSpacing = Double.infinity
            for i in 1..<y.ticks.count { minSpacing = min(minSpacing, abs(frame.py(y.ticks[i]) - frame.py(y.ticks[i - 1]))) }
            while Double(yStep) * minSpacing < th + 1 && yStep < y.ticks.count { yStep += 1 }
        }
        var result = Layout(frame: frame, xLabelStep: step, xRotated: rotated, xTickLabelHeight: tickLabelH, xTickLines: lines)
        result.yLabelStep = yStep
        return result
    }

    /// The title broken into lines that fit the figure width.
    func titleLines(_ canvas: Canvas) -> [String] {
        title.isEmpty ? [] : Self.wrap(title, width: canvas.logicalWidth - 2 * Theme.padding, canvas, style: Theme.title)
    }

    /// Greedy word wrap of `text` into lines no wider than `width` (a too-long word stays whole).
    static func wrap(_ text: String, width: Double, _ canvas: Canvas, style: TextStyle = Theme.tickText) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || canvas.measure(candidate, style: style).width <= width {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    // MARK: - Drawing

    func drawGrid(_ canvas: inout Canvas, _ f: CartesianFrame) {
        if f.x.grid {
            for v in f.x.ticks {
                let px = canvas.crisp(f.px(v), width: Theme.gridWidth)
                canvas.strokeLine(from: Point(px, f.plot.minY), to: Point(px, f.plot.maxY), lineWidth: Theme.gridWidth, color: Theme.grid)
            }
        }
        if f.y.grid {
            for v in f.y.ticks {
                let py = canvas.crisp(f.py(v), width: Theme.gridWidth)
                canvas.strokeLine(from: Point(f.plot.minX, py), to: Point(f.plot.maxX, py), lineWidth: Theme.gridWidth, color: Theme.grid)
            }
        }
    }

    func drawAxes(_ canvas: inout Canvas, _ layout: Layout) {
        let f = layout.frame, p = f.plot, pad = Theme.padding
        let sw = Theme.spineWidth
        let left = canvas.crisp(p.minX, width: sw), bottom = canvas.crisp(p.maxY, width: sw)
        canvas.strokeLine(from: Point(left, p.minY), to: Point(left, bottom), lineWidth: sw, color: Theme.spine)
        canvas.strokeLine(from: Point(left, bottom), to: Point(p.maxX, bottom), lineWidth: sw, color: Theme.spine)
        for v in f.x.minorTicks {
            let x = canvas.crisp(f.px(v), width: sw)
            canvas.strokeLine(from: Point(x, bottom), to: Point(x, bottom + Theme.minorTickLength), lineWidth: sw * 0.8, color: Theme.spine)
        }
        for v in f.y.minorTicks {
            let y = canvas.crisp(f.py(v), width: sw)
            canvas.strokeLine(from: Point(left - Theme.minorTickLength, y), to: Point(left, y), lineWidth: sw * 0.8, color: Theme.spine)
        }
        for (i, (v, label)) in zip(f.x.ticks, f.x.tickLabels).enumerated() {
            let x = canvas.crisp(f.px(v), width: sw)
            let labelled = i % layout.xLabelStep == 0
            // Categorical axes mark only the labelled slots; numeric axes keep every tick.
            if labelled || !f.x.categorical {
                canvas.strokeLine(from: Point(x, bottom), to: Point(x, bottom + Theme.tickLength), lineWidth: sw, color: Theme.spine)
            }
            guard labelled else { continue }
            let at = Point(f.px(v), bottom + Theme.tickLength + 3)
            if layout.xRotated {
                canvas.drawText(label, at: at, style: Theme.tickText, anchor: .centerRight, vertical: true)
            } else if let lines = layout.xTickLines?[i] {
                let th = canvas.lineHeight(Theme.tickText)
                for (k, line) in lines.enumerated() {
                    canvas.drawText(line, at: Point(at.x, at.y + Double(k) * th), style: Theme.tickText, anchor: .topCenter)
                }
            } else {
                canvas.drawText(label, at: at, style: Theme.tickText, anchor: .topCenter)
            }
        }
        for (i, (v, label)) in zip(f.y.ticks, f.y.tickLabels).enumerated() {
            let y = canvas.crisp(f.py(v), width: sw)
            let labelled = i % layout.yLabelStep == 0
            if labelled || !f.y.categorical {
                canvas.strokeLine(from: Point(left - Theme.tickLength, y), to: Point(left, y), lineWidth: sw, color: Theme.spine)
            }
            guard labelled else { continue }
            canvas.drawText(label, at: Point(left - Theme.tickLength - 3, f.py(v)), style: Theme.tickText, anchor: .centerRight)
        }
        if !f.x.label.isEmpty {
            canvas.drawText(f.x.label, at: Point(p.midX, bottom + Theme.tickLength + 3 + layout.xTickLabelHeight + 5),
                            style: Theme.axisLabel, anchor: .topCenter)
        }
        if !f.y.label.isEmpty {
            canvas.drawText(f.y.label, at: Point(pad, p.midY), style: Theme.axisLabel, anchor: .topCenter, vertical: true)
        }
        let lh = canvas.lineHeight(Theme.title)
        let titleText = titleLines(canvas)
        for (k, line) in titleText.enumerated() {
            // One line centres over the plot area; a wrapped title centres on the figure.
            let w = canvas.measure(line, style: Theme.title).width
            let centre = titleText.count == 1 ? p.midX : canvas.logicalWidth / 2
            let cx = min(max(centre, pad + w / 2), canvas.logicalWidth - pad - w / 2)
            canvas.drawText(line, at: Point(cx, pad + Double(k) * lh), style: Theme.title, anchor: .topCenter)
        }
    }

    func drawNotes(_ canvas: inout Canvas) {
        let lh = canvas.lineHeight(Theme.noteText)
        for (i, note) in notes.enumerated() {
            let y = canvas.logicalHeight - Theme.padding - Double(notes.count - 1 - i) * lh
            canvas.drawText("⚠ " + note, at: Point(Theme.padding, y), style: Theme.noteText, anchor: .bottomLeft)
        }
    }

    // MARK: - Reference lines

    /// Where a reference line's label goes, and the text anchor/rotation to use: of the spots
    /// beside the line (right/left of a vertical line, top/bottom; above/below a horizontal one,
    /// right/left end), the first that covers no data, else the one covering least.
    private func referenceLabel(_ r: ReferenceLine, _ f: CartesianFrame, _ canvas: Canvas,
                                occupancy: OccupancyGrid? = nil) -> (Point, TextAnchor, Bool, Rect)? {
        guard !r.label.isEmpty else { return nil }
        let (w, h) = canvas.measure(r.label, style: Theme.annotation)
        var spots: [(Point, TextAnchor, Bool, Rect)] = []
        // Preference: right beside the line, anywhere along it (rotated text for a vertical line,
        // then level text); only then further away from the line.
        let p = f.plot
        switch r.orientation {
        case .vertical:
            let x = f.px(r.value)
            func rotated(_ d: Double, _ y0: Double) {
                // Rotated text reads upwards; its end (`.right`) is at the top of the box.
                spots.append((Point(x + 3 + d, y0), TextAnchor(horizontal: .right, vertical: .top), true,
                              Rect(x: x + 3 + d, y: y0, width: h, height: w)))
                spots.append((Point(x - 3 - d, y0), TextAnchor(horizontal: .right, vertical: .bottom), true,
                              Rect(x: x - 3 - d - h, y: y0, width: h, height: w)))
            }
            func level(_ d: Double, _ y0: Double) {
                spots.append((Point(x + 4 + d, y0), .topLeft, false, Rect(x: x + 4 + d, y: y0, width: w, height: h)))
                spots.append((Point(x - 4 - d, y0), .topRight, false, Rect(x: x - 4 - d - w, y: y0, width: w, height: h)))
            }
            let rotatedYs = stride(from: p.minY + 4, through: max(p.minY + 4, p.maxY - 4 - w), by: 6).map { $0 }
            let levelYs = stride(from: p.minY + 4, through: max(p.minY + 4, p.maxY - 4 - h), by: 4).map { $0 }
            for y0 in rotatedYs { rotated(0, y0) }
            for y0 in levelYs { level(0, y0) }
            for d in (1...30).map({ Double($0) * 4 }) { rotated(d, p.minY + 4); level(d, p.minY + 4) }
        case .horizontal:
            let y = f.py(r.value)
            let xs = stride(from: p.maxX - 4 - w, through: p.minX + 4, by: -6).map { $0 }
            for x0 in (xs.isEmpty ? [p.maxX - 4 - w] : xs) {
                spots.append((Point(x0, y - 2), .bottomLeft, false, Rect(x: x0, y: y - 2 - h, width: w, height: h)))
                spots.append((Point(x0, y + 2), .topLeft, false, Rect(x: x0, y: y + 2, width: w, height: h)))
            }
        }
        let inside = spots.filter { $0.3.minX >= f.plot.minX && $0.3.maxX <= f.plot.maxX && $0.3.minY >= f.plot.minY && $0.3.maxY <= f.plot.maxY }
        let candidates = inside.isEmpty ? spots : inside
        guard let occupancy else { return candidates[0] }
        if let clear = candidates.first(where: { occupancy.count(in: $0.3) == 0 }) { return clear }
        return candidates.prefix(8).min { occupancy.count(in: $0.3) < occupancy.count(in: $1.3) }
    }

    private func markReferenceLines(_ g: inout OccupancyGrid, _ f: CartesianFrame, _ canvas: Canvas, outside: Set<Int>) {
        let dataOnly = g   // labels are placed against the data alone, as when drawing
        for (i, r) in referenceLines.enumerated() {
            switch r.orientation {
            case .vertical: g.markSegment(Point(f.px(r.value), f.plot.minY), Point(f.px(r.value), f.plot.maxY))
            case .horizontal: g.markSegment(Point(f.plot.minX, f.py(r.value)), Point(f.plot.maxX, f.py(r.value)))
            }
            if !outside.contains(i), let (_, _, _, box) = referenceLabel(r, f, canvas, occupancy: dataOnly) { g.markRect(box) }
        }
    }

    private func drawOutsideReferenceLabels(_ canvas: inout Canvas, _ layout: Layout) {
        let f = layout.frame
        for i in layout.outsideLabels.sorted() {
            let r = referenceLines[i]
            canvas.drawText(r.label, at: Point(f.plot.maxX + 4, f.py(r.value)),
                            style: TextStyle(size: Theme.annotation.size, color: r.color), anchor: .centerLeft)
        }
    }

    private func drawReferenceLines(_ canvas: inout Canvas, _ layout: Layout) {
        let f = layout.frame
        var occupancy = OccupancyGrid(area: f.plot)
        if referenceLines.contains(where: { !$0.label.isEmpty }) { mark(&occupancy, f) }
        for (i, r) in referenceLines.enumerated() {
            let dash = r.dashed ? [4.0, 3.0] : []
            switch r.orientation {
            case .vertical:
                let x = canvas.crisp(f.px(r.value), width: 1)
                canvas.strokeLine(from: Point(x, f.plot.minY), to: Point(x, f.plot.maxY), lineWidth: 1, color: r.color, dash: dash)
            case .horizontal:
                let y = canvas.crisp(f.py(r.value), width: 1)
                canvas.strokeLine(from: Point(f.plot.minX, y), to: Point(f.plot.maxX, y), lineWidth: 1, color: r.color, dash: dash)
            }
            if !layout.outsideLabels.contains(i), let (at, anchor, vertical, box) = referenceLabel(r, f, canvas, occupancy: occupancy) {
                canvas.fillRect(box.insetBy(-1.5), color: Color.white.withAlpha(0.8))
                canvas.drawText(r.label, at: at, style: TextStyle(size: Theme.annotation.size, color: r.color),
                                anchor: anchor, vertical: vertical)
            }
        }
    }
}
