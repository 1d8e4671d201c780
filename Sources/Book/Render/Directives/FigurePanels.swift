import Charts

/// A figure drawn as small multiples (`panels: parameter`): one panel per value of the parameter,
/// each the figure's own chart over the runs with that value, side by side in rows of up to three.
struct FigurePanels {
    let figure: FigureDirective
    let set: ResultSet
    let parameter: Marked<String>

    /// The size of one panel in logical units.
    static let panelWidth = 320, panelHeight = 250

    /// The data of all panels (series named "value, series" for the CSV), and the figure's light
    /// and dark PNGs with their size.
    func render() throws -> (data: FigureData, light: [UInt8], dark: [UInt8], width: Int, height: Int) {
        let name = try BookIndex.parameter(parameter, in: set.experiment, key: "panels")
        let groups = set.selecting(figure.selection).grouped(by: [name])
        guard groups.count > 1 else {
            throw SpecIssue(mark: parameter.mark, message: "key 'panels': '\(parameter.value)' takes \(groups.count) value among the selected runs; panels need a parameter that varies")
        }
        var merged: FigureData?
        var charts: [any Chart] = []
        for group in groups {
            let label = ResultSet.groupName(group.values)
            let data = try FigureData.make(figure, results: ResultSet(experiment: set.experiment, runs: group.runs))
            charts.append(try FigureChart(figure: figure, data: data).chart(title: label))
            var renamed = data
            renamed.curves = data.curves.map { var c = $0; c.name = "\(label), \(c.name)"; return c }
            if merged == nil { merged = renamed } else { merged!.curves += renamed.curves }
        }
        let columns = min(3, charts.count), rows = (charts.count + columns - 1) / columns
        let panels = Panels(title: figure.title, columns: columns, panels: charts)
        let width = columns * Self.panelWidth, height = rows * Self.panelHeight + (figure.title.isEmpty ? 0 : 24)
        return (merged!, try panels.renderPNG(width: width, height: height),
                try panels.renderPNG(width: width, height: height, appearance: .dark), width, height)
    }
}
