import Foundation

/// The numbers behind one figure: one curve per group of runs, averaged over seeds.
struct FigureData: Sendable {
    struct Curve: Sendable {
        var name: String
        var x: [Double]
        var y: [Double]
        var std: [Double]
    }
    var curves: [Curve]
    var xLabel: String
    var yLabel: String
    var seeds: Int

    /// Computes the curves of `figure` from `results`.
    static func make(_ figure: FigureDirective, results: ResultSet) throws(SpecIssue) -> FigureData {
        let selected = results.selecting(figure.selection)
        guard !selected.runs.isEmpty else { throw SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "no runs match the figure's selection") }
        let e = results.experiment
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
        for group in selected.grouped(by: groupBy) {
            for metric in figure.y {
                let ref = MetricReference(metric.value)
                var name = ResultSet.groupName(group.values)
                if figure.y.count > 1 { name = name.isEmpty ? metric.value : "\(name), \(metric.value)" }
                if name.isEmpty { name = metric.value }
                if let xParameter {
                    var points: [(Double, MeanStd)] = []
                    let byX = ResultSet(experiment: e, runs: group.runs).grouped(by: [xParameter])
                    for sub in byX {
                        guard let xv = sub.values[0].value.doubleValue else {
                            throw SpecIssue(mark: figure.x.mark, message: "key 'x': parameter '\(xParameter)' has non-numeric values; it cannot be an axis")
                        }
                        points.append((xv, MeanStd(sub.runs.compactMap { ref.value(in: $0.result.measurements) })))
                    }
                    points.sort { $0.0 < $1.0 }
                    curves.append(Curve(name: name, x: points.map(\.0), y: points.map(\.1.mean), std: points.map(\.1.std)))
                } else {
                    // Runs may stop at different epochs (a stop rule): average over the runs that
                    // reached each point, and take x from the longest run.
                    let xs = group.runs.compactMap { $0.result.measurements.series[figure.x.value] }
                    let ys = group.runs.compactMap { $0.result.measurements.series[ref.name] }
                    guard let x = xs.max(by: { $0.count < $1.count }), !ys.isEmpty else { continue }
                    let n = min(x.count, ys.map(\.count).max() ?? 0)
                    var mean: [Double] = [], std: [Double] = []
                    for i in 0..<n {
                        let s = MeanStd(ys.filter { $0.count > i }.map { $0[i] })
                        mean.append(s.mean); std.append(s.std)
                    }
                    curves.append(Curve(name: name, x: Array(x.prefix(n)), y: mean, std: std))
                }
            }
        }
        let seeds = Set(selected.runs.map(\.run.seed)).count
        return FigureData(curves: curves, xLabel: figure.xLabel ?? figure.x.value,
                          yLabel: figure.yLabel ?? figure.y.map(\.value).joined(separator: ", "), seeds: seeds)
    }

    /// The data as CSV: `series,x,y,std` per point.
    var csv: String {
        var lines = ["series,\(xLabel.csvField),mean,std"]
        for c in curves {
            for i in c.x.indices { lines.append("\(c.name.csvField),\(c.x[i].csvNumber),\(c.y[i].csvNumber),\(c.std[i].csvNumber)") }
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
