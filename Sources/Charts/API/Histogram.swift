import Foundation

/// Distributions of values as bars over shared bins; several series are overlaid translucently.
///
/// ```swift
/// // Per-example accuracy after the first epoch, real vs random labels:
/// let h = Histogram(title: "First-epoch accuracy per example", xAxis: Axis("accuracy"),
///                   series: [HistogramSeries("real", values: a), HistogramSeries("random", values: b)],
///                   bins: 20, binRange: 0...1)
/// // An eigenvalue spectrum on a log count axis:
/// let spectrum = Histogram(xAxis: Axis("eigenvalue"), yAxis: Axis("count", scale: .log),
///                          series: [HistogramSeries("Hessian", values: eig)], bins: 60)
/// ```
///
/// Bins are equal-width over `binRange` (default: the range of all finite values), or equal
/// ratio when the x axis is logarithmic. Values outside `binRange` are left out and counted in a
/// visible note, as are NaN or infinite values. On a log count axis, empty bins draw nothing.
/// No series, an empty series, a series with no finite value, `bins < 1`, or a non-positive
/// value with a log x axis throw `ChartError`.
public struct Histogram: Hashable, Sendable, Codable {
    /// What the bar heights measure.
    public enum Normalization: Hashable, Sendable, Codable {
        /// Number of values in the bin.
        case count
        /// Fraction of the series' values in the bin (heights sum to 1).
        case fraction
        /// Fraction divided by bin width (area sums to 1).
        case density
    }

    /// Title above the plot.
    public var title: String
    /// The value axis (linear, or log for log-spaced bins).
    public var xAxis: Axis
    /// The count axis (use `scale: .log` for spectra with a long tail).
    public var yAxis: Axis
    /// The distributions, overlaid in order.
    public var series: [HistogramSeries]
    /// Number of bins.
    public var bins: Int
    /// Bin range, or nil for the range of the data.
    public var binRange: ClosedRange<Double>?
    /// Count, fraction or density.
    public var normalization: Normalization
    /// Labelled vertical or horizontal lines.
    public var referenceLines: [ReferenceLine]
    /// Where the legend goes.
    public var legend: LegendPlacement

    /// Creates a histogram description.
    public init(title: String = "", xAxis: Axis = Axis(), yAxis: Axis = Axis("count"),
                series: [HistogramSeries], bins: Int = 30, binRange: ClosedRange<Double>? = nil,
                normalization: Normalization = .count, referenceLines: [ReferenceLine] = [],
                legend: LegendPlacement = .automatic) {
        self.title = title; self.xAxis = xAxis; self.yAxis = yAxis; self.series = series
        self.bins = bins; self.binRange = binRange; self.normalization = normalization
        self.referenceLines = referenceLines; self.legend = legend
    }

    /// Renders to PNG bytes (`width`×`height` logical units at `scale` device pixels per unit).
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2) throws -> [UInt8] {
        try chart().renderPNG(width: width, height: height, scale: scale)
    }

    /// Renders and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale), to: path)
    }

    /// Bin edges (`bins + 1` values) and per-series bar heights, after validation.
    func binned() throws -> (edges: [Double], heights: [[Double]], notes: [String]) {
        guard !series.isEmpty else { throw ChartError.emptyData("Histogram \"\(title)\" has no series") }
        guard bins >= 1, bins <= 10_000 else { throw ChartError.invalidParameter("bins = \(bins); need 1...10000") }
        let logX = xAxis.scale == .log
        var notes: [String] = []
        var all: [Double] = []
        for (i, s) in series.enumerated() {
            let name = Validation.name(s.name, index: i)
            guard !s.values.isEmpty else { throw ChartError.emptyData("\(name) has no values (empty histogram)") }
            if logX { try Validation.positive(s.values, name, axis: "x") }
            let finite = s.values.filter(\.isFinite)
            if finite.isEmpty { throw ChartError.nonFiniteValue("\(name): all \(s.values.count) values are NaN or infinite") }
            if finite.count < s.values.count {
                notes.append("\(s.values.count - finite.count) NaN/infinite values of \(name) not counted")
            }
            all += finite
        }
        var lo: Double, hi: Double
        if let r = binRange {
            guard r.lowerBound.isFinite, r.upperBound.isFinite, r.upperBound > r.lowerBound else {
                throw ChartError.invalidParameter("binRange \(r) must be finite with lower < upper")
            }
            if logX && r.lowerBound <= 0 { throw ChartError.nonPositiveOnLogAxis("binRange \(r) starts at or below 0") }
            lo = r.lowerBound; hi = r.upperBound
        } else {
            lo = all.min()!; hi = all.max()!
            if lo == hi { if logX { lo /= 2; hi *= 2 } else { lo -= 0.5; hi += 0.5 } }
        }
        let edges: [Double] = (0...bins).map { k in
            let t = Double(k) / Double(bins)
            return logX ? pow(10, log10(lo) + t * (log10(hi) - log10(lo))) : lo + t * (hi - lo)
        }
        var heights: [[Double]] = []
        for (i, s) in series.enumerated() {
            var counts = [Double](repeating: 0, count: bins)
            var outside = 0, total = 0
            for v in s.values where v.isFinite {
                total += 1
                guard v >= lo && v <= hi else { outside += 1; continue }
                let t = logX ? (log10(v) - log10(lo)) / (log10(hi) - log10(lo)) : (v - lo) / (hi - lo)
                counts[min(bins - 1, Int(t * Double(bins)))] += 1
            }
            if outside > 0 {
                notes.append("\(outside) values of \(Validation.name(s.name, index: i)) outside the bin range not counted")
            }
            switch normalization {
            case .count: break
            case .fraction: counts = counts.map { $0 / Double(max(total, 1)) }
            case .density: counts = counts.indices.map { counts[$0] / Double(max(total, 1)) / (edges[$0 + 1] - edges[$0]) }
            }
            heights.append(counts)
        }
        return (edges, heights, notes)
    }

    func chart() throws -> CartesianChart {
        let (edges, heights, notes) = try binned()
        let logY = yAxis.scale == .log
        let positive = heights.flatMap { $0 }.filter { $0 > 0 }
        if logY && positive.isEmpty {
            throw ChartError.emptyData("Histogram \"\(title)\": every bin is empty inside the bin range")
        }
        var xs = [edges.first!, edges.last!]
        var ys: [Double] = logY ? positive : heights.flatMap { $0 } + [0]
        for r in referenceLines {
            guard r.value.isFinite else { throw ChartError.nonFiniteValue("reference line \"\(r.label)\" at \(r.value)") }
            if r.orientation == .vertical { xs.append(r.value) } else { ys.append(r.value) }
        }
        let xSpec = try AxisSpec.numeric(xAxis, values: xs, padFraction: 0.02, what: "x")
        var ySpec = try AxisSpec.numeric(yAxis, values: ys, includeZero: !logY, what: "y")
        if logY && yAxis.range == nil {
            // Start the count axis just under the smallest non-zero bar, at a "nice" value.
            let lo = pow(10, log10(positive.min()!).rounded(.down)) * 0.7
            ySpec = try AxisSpec.numeric(Axis(yAxis.label, scale: .log, range: lo...ySpec.hi), values: [], what: "y")
        }
        if normalization == .count && !logY && ySpec.ticks.count > 1 && ySpec.ticks[1] - ySpec.ticks[0] < 1 {
            // Counts are whole numbers: no tick at 0.5 or 2.5.
            ySpec.ticks = Ticks.ticks(ySpec.lo, ySpec.hi, step: 1)
            ySpec.tickLabels = Ticks.linearLabels(ySpec.ticks)
        }
        let series = self.series
        let colors = series.indices.map { series[$0].color ?? Palette.categorical($0) }
        let overlaid = series.count > 1
        let entries = series.indices.filter { !series[$0].name.isEmpty }.map {
            LegendEntry(label: series[$0].name, color: colors[$0].withAlpha(overlaid ? 0.55 : 0.8), swatch: .patch)
        }
        let base = logY ? ySpec.lo : 0.0
        return CartesianChart(
            title: title, x: xSpec, y: ySpec, legend: entries, legendPlacement: legend,
            referenceLines: referenceLines, notes: notes,
            mark: { grid, f in
                for h in heights {
                    for b in h.indices where h[b] > 0 {
                        grid.markRect(Self.barRect(f, edges[b], edges[b + 1], base, h[b]))
                    }
                }
            },
            draw: { canvas, f in
                // Each distribution is one step-shaped polygon (no seams between adjacent bars),
                // filled translucently, then outlined on top so overlaps stay readable.
                let outlines = heights.map { Self.stepOutline(f, edges, $0, base) }
                for (k, path) in outlines.enumerated() {
                    canvas.fillPolygon(path, color: colors[k].withAlpha(overlaid ? 0.4 : 0.75))
                }
                for (k, path) in outlines.enumerated() {
                    canvas.strokePolyline(path, lineWidth: 1.1, color: colors[k])
                }
            })
    }

    /// The outline of a histogram from the base line up and over every bin and back down.
    static func stepOutline(_ f: CartesianFrame, _ edges: [Double], _ h: [Double], _ base: Double) -> [Point] {
        var path = [Point(f.px(edges[0]), f.py(base))]
        for b in h.indices {
            let top = h[b] > 0 ? f.py(h[b]) : f.py(base)
            path.append(Point(f.px(edges[b]), top))
            path.append(Point(f.px(edges[b + 1]), top))
        }
        path.append(Point(f.px(edges[edges.count - 1]), f.py(base)))
        return path
    }

    static func barRect(_ f: CartesianFrame, _ x0: Double, _ x1: Double, _ base: Double, _ h: Double) -> Rect {
        let left = f.px(x0), right = f.px(x1), top = f.py(h), bottom = f.py(base)
        return Rect(x: left, y: min(top, bottom), width: right - left, height: abs(bottom - top))
    }
}
