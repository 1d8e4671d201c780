import Foundation

/// The cells of one results table: rows are groups of runs, each metric column is a mean ± std
/// over seeds, optionally followed by the paper's value and the difference (ours − paper).
struct TableData: Sendable {
    struct Cell: Sendable { var text: String; var number: Double? }
    var header: [String]
    /// How many leading columns name the row (the rest are numbers).
    var rowHeaderCount: Int
    var rows: [[Cell]]
    var seeds: Int

    static func make(_ table: TableDirective, results: ResultSet) throws(SpecIssue) -> TableData {
        let selected = results.selecting(table.selection)
        guard !selected.runs.isEmpty else { throw SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "no runs match the table's selection") }
        let e = results.experiment
        let rowParameters = try table.rows.map { list throws(SpecIssue) in
            try list.map { r throws(SpecIssue) in try BookIndex.parameter(r, in: e, key: "rows") }
        } ?? selected.varyingParameters
        try selected.checkGrouping(rowParameters)
        let metricsWithPaper = Set(table.paper.flatMap { $0.values.map(\.metric) })
        var header = rowParameters.map { $0 == "condition" ? "condition" : String($0.split(separator: ".").last!) }
        if header.isEmpty { header = ["runs"] }
        let rowHeaderCount = header.count
        for column in table.columns {
            let c = column.metric, title = column.label ?? c.value
            header.append(metricsWithPaper.contains(c.value) ? "\(title) (ours)" : title)
            if metricsWithPaper.contains(c.value) { header += ["paper", "Δ"] }
        }
        var rows: [[Cell]] = []
        for group in selected.grouped(by: rowParameters) {
            var row = group.values.map { Cell(text: $0.value.description, number: nil) }
            if row.isEmpty { row = [Cell(text: "all", number: nil)] }
            for column in table.columns {
                let c = column.metric
                let ref = MetricReference(c.value)
                let columnFormat = column.format ?? table.format
                let percent = columnFormat == "percent" || (columnFormat == "auto" && (c.value.contains("accuracy") || c.value.contains("error")))
                let scale = percent ? 100.0 : 1.0
                let digits = column.digits ?? (percent ? min(table.digits, 2) : table.digits)
                let stats = MeanStd(group.runs.compactMap { ref.value(in: $0.result.measurements) }.map { $0 * scale })
                var text = stats.count == 0 ? "—" : format(stats.mean, digits) + (percent && stats.mean.isFinite ? "%" : "")
                // A count that every seed shares (such as a parameter count) needs no "± 0".
                let constantCount = !percent && stats.std == 0 && stats.mean == stats.mean.rounded()
                if stats.count > 1, !constantCount, stats.mean.isFinite { text += " ± " + format(stats.std, digits) }
                row.append(Cell(text: text, number: stats.count == 0 ? nil : stats.mean))
                if metricsWithPaper.contains(c.value) {
                    let paperRow = table.paper.first { p in
                        p.selection.terms.allSatisfy { term in
                            guard let name = try? BookIndex.parameter(Marked(value: term.parameter, mark: term.mark), in: e, key: ""),
                                  let v = group.runs.first?.run.parameter(name) else { return false }
                            return ParameterMatch.matches(term.value, v)
                        }
                    }
                    if let value = paperRow?.values.first(where: { $0.metric == c.value })?.value {
                        row.append(Cell(text: format(value, digits) + (percent ? "%" : ""), number: value))
                        if stats.count > 0 {
                            let d = stats.mean - value
                            row.append(Cell(text: (d >= 0 ? "+" : "−") + format(abs(d), digits), number: d))
                        } else { row.append(Cell(text: "—", number: nil)) }
                    } else {
                        row += [Cell(text: "—", number: nil), Cell(text: "—", number: nil)]
                    }
                }
            }
            rows.append(row)
        }
        return TableData(header: header, rowHeaderCount: rowHeaderCount, rows: rows, seeds: Set(selected.runs.map(\.run.seed)).count)
    }

    static func format(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : "n/a"
    }

    var csv: String {
        ([header.map(\.csvField).joined(separator: ",")] + rows.map { row in
            row.map { $0.number.map(\.csvNumber) ?? $0.text.csvField }.joined(separator: ",")
        }).joined(separator: "\n") + "\n"
    }
}
