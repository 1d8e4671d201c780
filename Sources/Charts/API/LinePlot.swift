/// Curves of y against x: training curves, test error against model size, and so on.
///
/// ```swift
/// let plot = LinePlot(title: "Fitting random labels",
///                     xAxis: Axis("epoch"), yAxis: Axis("training loss", scale: .log),
///                     series: [Series("true labels", x: e, y: l0),
///                              Series.meanAndSpread("random labels", x: e, mean: m, spread: s)],
///                     referenceLines: [.vertical(at: 20, label: "lr decay")])
/// try plot.write(to: "Output/fig/loss.png")
/// ```
///
/// Treatment of bad input: no series, an empty series, mismatched lengths, or a non-positive
/// value on a log axis throw `ChartError`. Non-finite points (e.g. a diverged run) break the line
/// and are listed in a visible note under the plot; a series with no finite point throws. Band
/// edges ≤ 0 on a log y-axis are drawn to the bottom of the plot.
public struct LinePlot: Hashable, Sendable, Codable {
    /// Title above the plot (may be empty).
    public var title: String
    /// The horizontal axis.
    public var xAxis: Axis
    /// The vertical axis.
    public var yAxis: Axis
    /// The curves, drawn in order (later ones on top).
    public var series: [Series]
    /// Labelled vertical or horizontal lines.
    public var referenceLines: [ReferenceLine]
    /// Where the legend goes.
    public var legend: LegendPlacement

    /// Creates a line plot description.
    public init(title: String = "", xAxis: Axis = Axis(), yAxis: Axis = Axis(), series: [Series],
                referenceLines: [ReferenceLine] = [], legend: LegendPlacement = .automatic) {
        self.title = title; self.xAxis = xAxis; self.yAxis = yAxis; self.series = series
        self.referenceLines = referenceLines; self.legend = legend
    }

    /// Renders to PNG bytes: a `width`×`height` logical figure at `scale` device pixels per unit
    /// (640×400 at scale 2 gives a 1280×800 image). The same plot always gives the same bytes.
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2) throws -> [UInt8] {
        try chart().renderPNG(width: width, height: height, scale: scale)
    }

    /// Renders and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale), to: path)
    }

    func chart() throws -> CartesianChart {
        guard !series.isEmpty else { throw ChartError.emptyData("LinePlot \"\(title)\" has no series") }
        let logX = xAxis.scale == .log, logY = yAxis.scale == .log
        var xs: [Double] = [], ys: [Double] = [], notes: [String] = []
        for (i, s) in series.enumerated() {
            let name = Validation.name(s.name, index: i)
            guard !s.x.isEmpty else { throw ChartError.emptyData("\(name) has no points") }
            guard s.lineWidth.isFinite, s.lineWidth > 0, s.lineWidth <= 50 else {
                throw ChartError.invalidParameter("\(name): line width \(s.lineWidth) must be in (0, 50]")
            }
            try Validation.sameLength(s.y.count, s.x.count, "\(name): y")
            if let b = s.band {
                try Validation.sameLength(b.lower.count, s.x.count, "\(name): band.lower")
                try Validation.sameLength(b.upper.count, s.x.count, "\(name): band.upper")
            }
            if logX { try Validation.positive(s.x, "\(name): x", axis: "x") }
            if logY { try Validation.positive(s.y, "\(name): y", axis: "y") }
            let bad = s.x.indices.filter { !s.x[$0].isFinite || !s.y[$0].isFinite }.count
            if bad == s.x.count { throw ChartError.nonFiniteValue("\(name): all \(bad) points are NaN or infinite") }
            if bad > 0 { notes.append("\(bad) non-finite point\(bad == 1 ? "" : "s") of \(name) not drawn") }
            xs += s.x; ys += s.y
            if let b = s.band { ys += (b.lower + b.upper).filter { !logY || $0 > 0 } }
        }
        for r in referenceLines {
            guard r.value.isFinite else { throw ChartError.nonFiniteValue("reference line \"\(r.label)\" at \(r.value)") }
            if r.orientation == .vertical { if !logX || r.value > 0 { xs.append(r.value) } } else if !logY || r.value > 0 { ys.append(r.value) }
            if (r.orientation == .vertical ? logX : logY) && r.value <= 0 {
                throw ChartError.nonPositiveOnLogAxis("reference line \"\(r.label)\" at \(r.value)")
            }
        }
        let xSpec = try AxisSpec.numeric(xAxis, values: xs, what: "x")
        let ySpec = try AxisSpec.numeric(yAxis, values: ys, what: "y")
        let series = self.series
        let colors = series.indices.map { series[$0].color ?? Palette.categorical($0) }
        let legendEntries = series.indices.filter { !series[$0].name.isEmpty }.map { i in
            LegendEntry(label: series[i].name, color: colors[i],
                        swatch: .line(width: series[i].lineWidth, style: series[i].lineStyle,
                                      marker: series[i].marker, band: series[i].band != nil))
        }
        return CartesianChart(
            title: title, x: xSpec, y: ySpec, legend: legendEntries, legendPlacement: legend,
            referenceLines: referenceLines, notes: notes,
            mark: { grid, f in
                for s in series {
                    for run in Self.finiteRuns(s) {
                        let pts = run.map { f.point(s.x[$0], s.y[$0]) }
                        for k in pts.indices { grid.mark(pts[k], radius: max(s.lineWidth, Theme.markerSize / 2)) }
                        for k in pts.indices.dropFirst() { grid.markSegment(pts[k - 1], pts[k], radius: s.lineWidth) }
                    }
                    if let poly = Self.bandPolygons(s, f, logY: logY) { for p in poly { Self.markPolygon(&grid, p) } }
                }
            },
            draw: { canvas, f in
                for (i, s) in series.enumerated() {
                    guard let polys = Self.bandPolygons(s, f, logY: logY) else { continue }
                    for p in polys { canvas.fillPolygon(p, color: colors[i].withAlpha(Theme.bandAlpha)) }
                }
                for (i, s) in series.enumerated() {
                    for run in Self.finiteRuns(s) {
                        let pts = run.map { f.point(s.x[$0], s.y[$0]) }
                        if s.lineStyle != .none && pts.count > 1 {
                            canvas.strokePolyline(pts, lineWidth: s.lineWidth, color: colors[i],
                                                  dash: Canvas.dashPattern(s.lineStyle, width: s.lineWidth))
                        }
                        if s.marker != .none {
                            for p in pts { canvas.drawMarker(s.marker, at: p, size: Theme.markerSize, color: colors[i], edge: .white) }
                        } else if pts.count == 1 {
                            canvas.fillCircle(center: pts[0], radius: max(s.lineWidth, 1.5), color: colors[i])
                        }
                    }
                }
            })
    }

    /// Index runs of consecutive points whose x and y are both finite.
    static func finiteRuns(_ s: Series) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for i in s.x.indices {
            if s.x[i].isFinite && s.y[i].isFinite { current.append(i) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    /// Closed polygons (upper edge forward, lower edge back) over runs of finite band values.
    static func bandPolygons(_ s: Series, _ f: CartesianFrame, logY: Bool) -> [[Point]]? {
        guard let b = s.band else { return nil }
        var polys: [[Point]] = [], run: [Int] = []
        func flush() {
            if run.count >= 2 {
                let bottom = f.plot.maxY + 1
                let upper = run.map { Point(f.px(s.x[$0]), logY && b.upper[$0] <= 0 ? bottom : f.py(b.upper[$0])) }
                let lower = run.reversed().map { Point(f.px(s.x[$0]), logY && b.lower[$0] <= 0 ? bottom : f.py(b.lower[$0])) }
                polys.append(upper + lower)
            }
            run = []
        }
        for i in s.x.indices {
            if s.x[i].isFinite && b.lower[i].isFinite && b.upper[i].isFinite { run.append(i) } else { flush() }
        }
        flush()
        return polys
    }

    /// Marks the cells inside a band polygon (upper edge then lower edge, same x order reversed).
    static func markPolygon(_ grid: inout OccupancyGrid, _ poly: [Point]) {
        let n = poly.count / 2
        for k in 0..<n {
            let top = poly[k], bottom = poly[poly.count - 1 - k]
            grid.markSegment(top, bottom)
            if k + 1 < n {
                let top2 = poly[k + 1], bottom2 = poly[poly.count - 2 - k]
                let steps = max(1, Int(abs(top2.x - top.x) / grid.cell))
                for j in 1...steps {
                    let t = Double(j) / Double(steps)
                    grid.markSegment(Point(top.x + (top2.x - top.x) * t, top.y + (top2.y - top.y) * t),
                                     Point(bottom.x + (bottom2.x - bottom.x) * t, bottom.y + (bottom2.y - bottom.y) * t))
                }
            }
        }
    }
}
