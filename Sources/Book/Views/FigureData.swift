import Foundation

/// The numbers behind one figure: one curve per group of runs, averaged over seeds.
struct FigureData: Sendable {
    struct Curve: Sendable {
        var name: String
        var x: [Double]
        var y: [Double]
        var std: [Double]
        /// The least and the greatest run at each point (empty: not known); the ± std band is drawn
        /// within them, so it never claims values no run took (an accuracy above 1).
        var low: [Double] = []
        var high: [Double] = []
    }
    var curves: [Curve]
    /// With `x` a parameter: its values in plan order (curves have one point per category, NaN when absent).
    var categories: [String] = []
    var xLabel: String
    var yLabel: String
    var seeds: Int

    /// Computes the curves of `figure` from `results`.
    static func make(_ figure: FigureDirective, results: ResultSet) throws(SpecIssue) -> FigureData {
        let selected = results.selecting(figure.selection)
        guard !selected.runs.isEmpty else { throw SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "no runs match the figure's selection") }
        let e = results.experiment
        if figure.plot == .histogram { return try histogram(figure, selected: selected) }
        if xIsScalar(figure, experiment: e) { return try scalarAgainstScalar(figure, selected: selected) }
        let xIsParameter = (try? BookIndex.parameter(figure.x, in: e, key: "x")) != nil
            && !e.kind.metrics(e.base).series.contains(figure.x.value)
        var groupBy = try figure.series.map { list throws(SpecIssue) in
            try list.map { s throws(SpecIssue) in try BookIndex.parameter(s, in: e, key: "series") }
        } ?? selected.varyingParameters
        var xParameter: String? = nil
        if xIsParameter {
            let p = try BookIndex.parameter(figure.x, in: e, key: "x")
            xParameter = p
            groupBy.removeAll { $0 == p }
            try selected.checkGrouping(groupBy + [p])
        } else {
            try selected.checkGrouping(groupBy)
        }
        var curves: [Curve] = []
        var categoryValues: [SpecValue] = []
        if let xParameter {
            categoryValues = selected.grouped(by: [xParameter]).map { $0.values[0].value }
            if figure.plot != .bar, categoryValues.allSatisfy({ $0.doubleValue != nil }) {
                categoryValues.sort { $0.doubleValue! < $1.doubleValue! }
            }
        } else if figure.plot == .bar {
            throw SpecIssue(mark: figure.x.mark, message: "key 'x': a bar plot needs x to be a sweep parameter or 'condition', not the series '\(figure.x.value)'")
        }
        for group in selected.grouped(by: groupBy) {
            for metric in figure.y {
                let ref = MetricReference(metric.value)
                var name = ResultSet.groupName(group.values)
                if figure.y.count > 1 { name = name.isEmpty ? metric.value : "\(name), \(metric.value)" }
                if name.isEmpty { name = metric.value }
                if let xParameter {
                    var y: [Double] = [], std: [Double] = [], x: [Double] = [], low: [Double] = [], high: [Double] = []
                    let byX = ResultSet(experiment: e, runs: group.runs).grouped(by: [xParameter])
                    for category in categoryValues {
                        guard let sub = byX.first(where: { $0.values[0].value == category }) else {
                            x.append(category.doubleValue ?? .nan); y.append(.nan); std.append(.nan); continue
                        }
                        let values = sub.runs.compactMap { ref.value(in: $0.result.measurements) }
                        let s = MeanStd(values)
                        x.append(category.doubleValue ?? .nan); y.append(s.mean); std.append(s.std)
                        low.append(values.min() ?? .nan); high.append(values.max() ?? .nan)
                    }
                    if figure.plot != .bar, x.contains(where: { $0.isNaN }) {
                        throw SpecIssue(mark: figure.x.mark, message: "key 'x': parameter '\(xParameter)' has non-numeric values; use plot: bar, or a numeric parameter")
                    }
                    curves.append(Curve(name: name, x: x, y: y, std: std, low: low, high: high))
                } else {
                    // Runs may stop at different epochs (a stop rule). A run that stopped counts
                    // with its last value afterwards: its model no longer changes. (Averaging only
                    // the runs still training would make the mean jump whenever one stops.) x comes
                    // from the longest run.
                    let xs = group.runs.compactMap { $0.result.measurements.series[figure.x.value] }
                    let ys = group.runs.compactMap { $0.result.measurements.series[ref.name] }.filter { !$0.isEmpty }
                    guard let x = xs.max(by: { $0.count < $1.count }), !ys.isEmpty else { continue }
                    let n = min(x.count, ys.map(\.count).max() ?? 0)
                    var curve = Curve(name: name, x: Array(x.prefix(n)), y: [], std: [])
                    for i in 0..<n {
                        let values = ys.map { $0[min(i, $0.count - 1)] }
                        let s = MeanStd(values)
                        curve.y.append(s.mean); curve.std.append(s.std)
                        curve.low.append(values.min()!); curve.high.append(values.max()!)
                    }
                    curves.append(curve)
                }
            }
        }
        let seeds = Set(selected.runs.map(\.run.seed)).count
        return FigureData(curves: curves, categories: categoryValues.map(\.description), xLabel: figure.xLabel ?? figure.x.value,
                          yLabel: figure.yLabel ?? figure.y.map(\.value).joined(separator: ", "), seeds: seeds)
    }

    /// A histogram: per group, the pooled values of each `y` (every point of a series, or one
    /// scalar per run); `x` is unused.
    private static func histogram(_ figure: FigureDirective, selected: ResultSet) throws(SpecIssue) -> FigureData {
        let e = selected.experiment
        let groupBy = try figure.series.map { list throws(SpecIssue) in
            try list.map { s throws(SpecIssue) in try BookIndex.parameter(s, in: e, key: "series") }
        } ?? selected.varyingParameters
        let series = e.kind.metrics(e.base).series
        var curves: [Curve] = []
        for group in selected.grouped(by: groupBy) {
            for metric in figure.y {
                let ref = MetricReference(metric.value)
                var values: [Double] = []
                for entry in group.runs {
                    if ref.reduction == nil, series.contains(ref.name), entry.result.measurements.scalars[ref.name] == nil {
                        values += entry.result.measurements.series[ref.name] ?? []
                    } else if let v = ref.value(in: entry.result.measurements) {
                        values.append(v)
                    }
                }
                var name = ResultSet.groupName(group.values)
                if figure.y.count > 1 { name = name.isEmpty ? metric.value : "\(name), \(metric.value)" }
                if name.isEmpty { name = metric.value }
                curves.append(Curve(name: name, x: values.indices.map(Double.init), y: values, std: values.map { _ in 0 }))
            }
        }
        return FigureData(curves: curves, xLabel: figure.xLabel ?? figure.y.map(\.value).joined(separator: ", "),
                          yLabel: figure.yLabel ?? figure.normalize, seeds: Set(selected.runs.map(\.run.seed)).count)
    }

    /// The data as CSV: `series,x,y,std` per point.
    var csv: String {
        var lines = ["series,\(xLabel.csvField),mean,std"]
        for c in curves {
            for i in c.x.indices {
                let x = categories.isEmpty || !c.x[i].isNaN ? c.x[i].csvNumber : categories[i].csvField
                lines.append("\(c.name.csvField),\(x),\(c.y[i].csvNumber),\(c.std[i].csvNumber)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The string as one CSV field (quoted when needed).
    var csvField: String {
        contains(",") || contains("\"") || contains("\n") ? "\"" + replacingOccurrences(of: "\"", with: "\"\"") + "\"" : self
    }
}

extension Double {
    /// A round-trip decimal for CSV files.
    var csvNumber: String { isFinite ? "\(self)" : "" }
}
