import Charts

/// The chart a figure's `plot:` asks for, drawn at 640×400: curves or points (``LinePlot``), grouped
/// bars (``BarChart``) or a histogram.
struct FigureChart {
    let figure: FigureDirective
    let data: FigureData

    /// PNG bytes, from the figure cache when the same chart was drawn before.
    func png(_ figures: FigureCache, appearance: Appearance = .light) throws -> [UInt8] {
        try figures.png(chart(), width: 640, height: 400, appearance: appearance)
    }

    /// The chart description (`title` replaces the figure's, for a panel).
    func chart(title: String? = nil) throws -> any Chart & Encodable {
        let f = figure
        let title = title ?? f.title
        try f.style.check(seriesNames: data.curves.map(\.name))
        let references = f.lines.map { $0.vertical ? ReferenceLine.vertical(at: $0.value, label: $0.label) : ReferenceLine.horizontal(at: $0.value, label: $0.label) }
        switch f.plot {
        case .bar:
            let groups = data.curves.map { c in
                BarGroup(f.style.label(c.name), values: c.y.map { $0.isFinite ? $0 : 0 }, errors: f.band && data.seeds > 1 ? c.std.map { $0.isFinite ? $0 : 0 } : nil,
                         color: f.style.color(c.name))
            }
            let lines = try zip(references, f.lines).map { r, written throws(SpecIssue) in
                guard r.orientation == .vertical else { return r }
                let slot = try BarSlotPosition.position(of: r.value, among: data.categories, mark: written.mark)
                return ReferenceLine.vertical(at: slot, label: r.label)
            }
            let chart = BarChart(title: title, categories: data.categories, groups: groups, xLabel: data.xLabel,
                                 yAxis: valueAxis, referenceLines: lines, showValues: true)
            return chart
        case .histogram:
            let normalization: Histogram.Normalization = f.normalize == "fraction" ? .fraction : f.normalize == "density" ? .density : .count
            let chart = Histogram(title: title, xAxis: Axis(data.xLabel, scale: f.style.scale(log: f.logX, symlog: f.style.symlogX)),
                                  yAxis: valueAxis,
                                  series: data.curves.map { HistogramSeries(f.style.label($0.name), values: $0.y, color: f.style.color($0.name)) },
                                  bins: f.bins, binRange: f.range, normalization: normalization, referenceLines: references)
            return chart
        case .line, .scatter:
            return linePlot(references: references, title: title)
        case .images:
            preconditionFailure("a grid of images is drawn by ImageGridRenderer")
        }
    }

    /// The value axis a figure asks for: its label, `log-y` and `y-range`.
    private var valueAxis: Axis {
        Axis(data.yLabel, scale: figure.style.scale(log: figure.logY, symlog: figure.style.symlogY), range: figure.yRange)
    }

    /// Mean ± std at the points `indices` (all when nil), kept within the least and the greatest
    /// run where the curve knows them.
    static func band(of c: FigureData.Curve, at indices: [Int]? = nil) -> Band {
        let points = indices ?? Array(c.y.indices)
        let known = c.low.count == c.y.count && c.high.count == c.y.count
        return Band(lower: points.map { i in known ? max(c.y[i] - c.std[i], c.low[i]) : c.y[i] - c.std[i] },
                    upper: points.map { i in known ? min(c.y[i] + c.std[i], c.high[i]) : c.y[i] + c.std[i] })
    }

    /// Curves (or points for `plot: scatter`) with a ± std band over seeds when asked (clipped to
    /// the least and greatest run, where known); points that are not finite are left out.
    private func linePlot(references: [ReferenceLine], title: String) -> LinePlot {
        let f = figure
        let series: [Series] = data.curves.map { c in
            let finite = c.x.indices.filter { c.x[$0].isFinite && c.y[$0].isFinite }
            let x = finite.map { c.x[$0] }, y = finite.map { c.y[$0] }
            let scatter = f.plot == .scatter
            if f.band && data.seeds > 1 {
                return Series(f.style.label(c.name), x: x, y: y, band: Self.band(of: c, at: finite), color: f.style.color(c.name),
                              lineStyle: scatter ? .none : .solid, marker: scatter ? .circle : .none)
            }
            return Series(f.style.label(c.name), x: x, y: y, color: f.style.color(c.name), lineStyle: scatter ? .none : .solid, marker: scatter || x.count < 12 ? .circle : .none)
        }
        let chart = LinePlot(title: title, xAxis: Axis(data.xLabel, scale: f.style.scale(log: f.logX, symlog: f.style.symlogX)),
                             yAxis: valueAxis, series: series, referenceLines: references)
        return chart
    }
}
