/// Points in the plane, optionally coloured by a continuous value and joined in order.
///
/// The information plane (Shwartz-Ziv & Tishby) is one trajectory per layer, coloured by epoch:
/// ```swift
/// let plane = ScatterPlot(
///     title: "Information plane", xAxis: Axis("I(X;T) (bits)"), yAxis: Axis("I(T;Y) (bits)"),
///     series: layers.enumerated().map { i, l in
///         ScatterSeries("layer \(i + 1)", x: l.ixt, y: l.ity, values: l.epochs,
///                       marker: Marker.distinct[i % Marker.distinct.count], connect: true) },
///     colorScale: ColorScale("epoch", scale: .log))
/// ```
///
/// Treatment of bad input: no series, an empty series, mismatched lengths and non-positive values
/// on a log axis throw `ChartError`. Points whose x, y or colour value is NaN or infinite are
/// skipped and counted in a visible note; a series with no drawable point throws.
public struct ScatterPlot: Hashable, Sendable, Codable {
    /// Title above the plot.
    public var title: String
    /// The horizontal axis.
    public var xAxis: Axis
    /// The vertical axis.
    public var yAxis: Axis
    /// The point sets, drawn in order.
    public var series: [ScatterSeries]
    /// Maps `ScatterSeries.values` to colours; a colour bar is drawn when any series has values.
    public var colorScale: ColorScale
    /// Labelled vertical or horizontal lines.
    public var referenceLines: [ReferenceLine]
    /// Where the legend goes.
    public var legend: LegendPlacement

    /// Creates a scatter plot description.
    public init(title: String = "", xAxis: Axis = Axis(), yAxis: Axis = Axis(), series: [ScatterSeries],
                colorScale: ColorScale = ColorScale(), referenceLines: [ReferenceLine] = [],
                legend: LegendPlacement = .automatic) {
        self.title = title; self.xAxis = xAxis; self.yAxis = yAxis; self.series = series
        self.colorScale = colorScale; self.referenceLines = referenceLines; self.legend = legend
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
        guard !series.isEmpty else { throw ChartError.emptyData("ScatterPlot \"\(title)\" has no series") }
        let logX = xAxis.scale == .log, logY = yAxis.scale == .log
        var xs: [Double] = [], ys: [Double] = [], vs: [Double] = [], notes: [String] = []
        var drawable: [[Int]] = []
        for (i, s) in series.enumerated() {
            let name = Validation.name(s.name, index: i)
            guard !s.x.isEmpty else { throw ChartError.emptyData("\(name) has no points") }
            try Validation.sameLength(s.y.count, s.x.count, "\(name): y")
            if let v = s.values { try Validation.sameLength(v.count, s.x.count, "\(name): values") }
            if let e = s.yError {
                try Validation.sameLength(e.count, s.x.count, "\(name): yError")
                if let bad = e.first(where: { !($0 >= 0) || $0.isInfinite }) {
                    throw ChartError.invalidParameter("\(name): error bar \(bad) must be finite and ≥ 0")
                }
            }
            if logX { try Validation.positive(s.x, "\(name): x", axis: "x") }
            if logY { try Validation.positive(s.y, "\(name): y", axis: "y") }
            if let v = s.values, colorScale.scale == .log { try Validation.positive(v, "\(name): values", axis: "colour") }
            guard s.markerSize > 0, s.markerSize.isFinite else {
                throw ChartError.invalidParameter("\(name): marker size \(s.markerSize) must be positive")
            }
            let ok = s.x.indices.filter { s.x[$0].isFinite && s.y[$0].isFinite && (s.values?[$0].isFinite ?? true) }
            if ok.isEmpty { throw ChartError.nonFiniteValue("\(name): none of its \(s.x.count) points is finite") }
            if ok.count < s.x.count {
                let bad = s.x.count - ok.count
                notes.append("\(bad) point\(bad == 1 ? "" : "s") of \(name) with NaN or infinite values not drawn")
            }
            drawable.append(ok)
            xs += ok.map { s.x[$0] }; ys += ok.map { s.y[$0] }
            if let e = s.yError { ys += ok.flatMap { [s.y[$0] - e[$0], s.y[$0] + e[$0]] }.filter { !logY || $0 > 0 } }
            if let v = s.values { vs += ok.map { v[$0] } }
        }
        for r in referenceLines {
            guard r.value.isFinite else { throw ChartError.nonFiniteValue("reference line \"\(r.label)\" at \(r.value)") }
            let log = r.orientation == .vertical ? logX : logY
            if log && r.value <= 0 { throw ChartError.nonPositiveOnLogAxis("reference line \"\(r.label)\" at \(r.value)") }
            if r.orientation == .vertical { xs.append(r.value) } else { ys.append(r.value) }
        }
        let xSpec = try AxisSpec.numeric(xAxis, values: xs, what: "x")
        let ySpec = try AxisSpec.numeric(yAxis, values: ys, what: "y")
        let bar = vs.isEmpty ? nil : try colorScale.colorBar(values: vs, what: "values")
        let series = self.series
        let neutral = Color(hex: 0x555555)
        let colors = series.indices.map { series[$0].color ?? (series[$0].values == nil ? Palette.categorical($0) : neutral) }
        let entries = series.indices.filter { !series[$0].name.isEmpty }.map { i in
            LegendEntry(label: series[i].name, color: colors[i], swatch: .marker(series[i].marker == .none ? .circle : series[i].marker))
        }
        return CartesianChart(
            title: title, x: xSpec, y: ySpec, legend: entries, legendPlacement: legend, colorBar: bar,
            referenceLines: referenceLines, notes: notes,
            mark: { grid, f in
                for (k, s) in series.enumerated() {
                    let pts = drawable[k].map { f.point(s.x[$0], s.y[$0]) }
                    for p in pts { grid.mark(p, radius: s.markerSize / 2 + 1) }
                    if s.connect { for j in pts.indices.dropFirst() { grid.markSegment(pts[j - 1], pts[j]) } }
                    if let e = s.yError {
                        for j in drawable[k] where e[j] > 0 {
                            let low = logY && s.y[j] - e[j] <= 0 ? f.plot.maxY : f.py(s.y[j] - e[j])
                            grid.markSegment(Point(f.px(s.x[j]), f.py(s.y[j] + e[j])), Point(f.px(s.x[j]), low))
                        }
                    }
                }
            },
            draw: { canvas, f in
                for (k, s) in series.enumerated() where s.connect {
                    let pts = drawable[k].map { f.point(s.x[$0], s.y[$0]) }
                    let lineColor = s.values == nil ? colors[k].withAlpha(0.6) : Color(hex: 0x9A9A9A)
                    canvas.strokePolyline(pts, lineWidth: 0.9, color: lineColor)
                }
                for (k, s) in series.enumerated() {
                    guard let e = s.yError else { continue }
                    for j in drawable[k] where e[j] > 0 {
                        Self.drawErrorBar(&canvas, f, x: s.x[j], y: s.y[j], error: e[j], logY: logY, color: colors[k])
                    }
                }
                for (k, s) in series.enumerated() {
                    for j in drawable[k] {
                        let c = s.values.map { bar!.color($0[j]) } ?? colors[k]
                        canvas.drawMarker(s.marker == .none ? .circle : s.marker, at: f.point(s.x[j], s.y[j]),
                                          size: s.markerSize, color: c, edge: Color.white.withAlpha(0.9))
                    }
                }
            })
    }

    /// A vertical bar from y − error to y + error with short caps (the lower end clipped to the
    /// bottom of a log axis when it falls at or below zero).
    static func drawErrorBar(_ canvas: inout Canvas, _ f: CartesianFrame, x: Double, y: Double, error: Double,
                             logY: Bool, color: Color) {
        let cx = f.px(x), cap = 3.0
        let top = f.py(y + error)
        let bottom = logY && y - error <= 0 ? f.plot.maxY + 1 : f.py(y - error)
        canvas.strokeLine(from: Point(cx, top), to: Point(cx, bottom), lineWidth: 1, color: color)
        canvas.strokeLine(from: Point(cx - cap, top), to: Point(cx + cap, top), lineWidth: 1, color: color)
        canvas.strokeLine(from: Point(cx - cap, bottom), to: Point(cx + cap, bottom), lineWidth: 1, color: color)
    }
}
