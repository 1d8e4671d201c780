extension FigureData {
    /// Whether `x` names a scalar metric (or a reduced series, `max(test-accuracy)`) rather than a
    /// series or a sweep parameter: the figure then plots one scalar against another across runs.
    static func xIsScalar(_ figure: FigureDirective, experiment e: ExperimentDirective) -> Bool {
        guard figure.plot.needsNumericX else { return false }
        let metrics = e.kind.metrics(e.base), x = MetricReference(figure.x.value)
        if (try? BookIndex.parameter(figure.x, in: e, key: "x")) != nil && !metrics.series.contains(figure.x.value) { return false }
        return metrics.scalars.contains(x.name) || (x.reduction != nil && metrics.series.contains(x.name))
    }

    /// One scalar against another across runs (test accuracy against parameter count, say): one
    /// point per setting of the varying parameters, x and y averaged over its seeds (± std of y),
    /// points sorted by x; one series per value of `series:` (all runs in one series without it).
    static func scalarAgainstScalar(_ figure: FigureDirective, selected: ResultSet) throws(SpecIssue) -> FigureData {
        let e = selected.experiment
        let seriesBy = try figure.series.map { list throws(SpecIssue) in
            try list.map { s throws(SpecIssue) in try BookIndex.parameter(s, in: e, key: "series") }
        } ?? []
        let pointsBy = selected.varyingParameters.filter { !seriesBy.contains($0) }
        let xRef = MetricReference(figure.x.value)
        var curves: [Curve] = []
        for group in selected.grouped(by: seriesBy) {
            for metric in figure.y {
                let yRef = MetricReference(metric.value)
                var points: [(x: Double, y: Double, std: Double)] = []
                for point in ResultSet(experiment: e, runs: group.runs).grouped(by: pointsBy) {
                    let pairs = point.runs.compactMap { entry -> (Double, Double)? in
                        guard let x = xRef.value(in: entry.result.measurements), let y = yRef.value(in: entry.result.measurements) else { return nil }
                        return (x, y)
                    }
                    guard !pairs.isEmpty else { continue }
                    let ys = MeanStd(pairs.map(\.1))
                    points.append((MeanStd(pairs.map(\.0)).mean, ys.mean, ys.std))
                }
                points.sort { $0.x < $1.x }
                var name = ResultSet.groupName(group.values)
                if figure.y.count > 1 { name = name.isEmpty ? metric.value : "\(name), \(metric.value)" }
                if name.isEmpty { name = metric.value }
                curves.append(Curve(name: name, x: points.map(\.x), y: points.map(\.y), std: points.map(\.std)))
            }
        }
        guard curves.contains(where: { !$0.x.isEmpty }) else {
            throw SpecIssue(mark: figure.x.mark, message: "key 'x': no run has both '\(figure.x.value)' and \(figure.y.map { "'\($0.value)'" }.joined(separator: ", "))")
        }
        return FigureData(curves: curves, xLabel: figure.xLabel ?? figure.x.value,
                          yLabel: figure.yLabel ?? figure.y.map(\.value).joined(separator: ", "),
                          seeds: Set(selected.runs.map(\.run.seed)).count)
    }
}
