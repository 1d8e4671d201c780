/// A validated `table` directive: one row per group of runs (by sweep parameters), one column per
/// metric (mean ± std over seeds), optionally with the paper's value and the difference beside ours.
struct TableDirective: Sendable {
    static let keys = ["label", "from", "rows", "columns", "where", "format", "digits", "paper", "caption", "paper-source"]

    /// One row of paper values: which runs it belongs to, and metric → value (as displayed).
    struct PaperRow: Sendable {
        var selection: Selection
        var values: [(metric: String, value: Double, mark: YAMLMark)]
        var mark: YAMLMark
    }

    var label: Marked<String>?
    var from: Marked<String>
    var rows: [Marked<String>]?
    /// One metric column: its heading (nil: the metric's name) and its own `format` and `digits`
    /// (nil: the table's), from `{metric: …, label: …, format: …, digits: …}` items.
    struct Column: Sendable {
        var metric: Marked<String>
        var label: String?
        var format: String?
        var digits: Int?
    }

    var columns: [Column]
    var selection: Selection
    var format: String
    var digits: Int
    var paper: [PaperRow]
    var paperSource: String
    var caption: String
    var location: DirectiveLocation

    static func parse(_ node: YAMLNode, location: DirectiveLocation) throws(SpecIssue) -> TableDirective {
        try DirectiveFields.checkKeys(node, allowed: keys, directive: "table")
        guard let c = node["columns"] else {
            throw SpecIssue(mark: node.mark, message: "missing required key 'columns' in table (a list of metrics)")
        }
        var columns: [Column] = []
        let items: [YAMLNode]
        if case .sequence(let list) = c.value.kind { items = list } else { items = [c.value] }
        for item in items {
            switch item.kind {
            case .scalar(let name, _):
                columns.append(Column(metric: Marked(value: name, mark: item.mark)))
            case .mapping:
                try DirectiveFields.checkKeys(item, allowed: ["metric", "label", "format", "digits"], directive: "a table column")
                columns.append(Column(
                    metric: try DirectiveFields.required(item, "metric", directive: "a table column"),
                    label: try DirectiveFields.text(item, "label")?.value,
                    format: item["format"] == nil ? nil : try DirectiveFields.choice(item, "format", ["auto", "percent", "number"], default: "auto"),
                    digits: item["digits"] == nil ? nil : try DirectiveFields.integer(item, "digits", 0...8, default: 2)))
            case .sequence:
                throw SpecIssue(mark: item.mark, message: "key 'columns': expected metric names or {metric: …, label: …, format: …, digits: …}, got a list")
            }
        }
        guard !columns.isEmpty else { throw SpecIssue(mark: c.value.mark, message: "key 'columns': give at least one metric") }
        var paper: [PaperRow] = []
        if let p = node["paper"] {
            guard case .sequence(let items) = p.value.kind else {
                throw SpecIssue(mark: p.value.mark, message: "key 'paper': expected a list of rows like {where: {condition: random labels}, test-accuracy: 10.5}")
            }
            for item in items {
                guard case .mapping(let pairs) = item.kind else {
                    throw SpecIssue(mark: item.mark, message: "key 'paper': each row must be a mapping with 'where' and metric values")
                }
                var values: [(String, Double, YAMLMark)] = []
                for pair in pairs where pair.key != "where" {
                    guard case .scalar(let s, true) = pair.value.kind, let d = Double(s) else {
                        throw SpecIssue(mark: pair.value.mark, message: "key 'paper.\(pair.key)': expected a number, got \(pair.value.shapeDescription)")
                    }
                    values.append((pair.key, d, pair.keyMark))
                }
                paper.append(PaperRow(selection: try Selection.parse(item["where"]?.value, key: "paper.where"), values: values, mark: item.mark))
            }
        }
        return TableDirective(
            label: try DirectiveFields.label(node),
            from: try DirectiveFields.required(node, "from", directive: "table"),
            rows: try DirectiveFields.textList(node, "rows"),
            columns: columns,
            selection: try Selection.parse(node["where"]?.value),
            format: try DirectiveFields.choice(node, "format", ["auto", "percent", "number"], default: "auto"),
            digits: try DirectiveFields.integer(node, "digits", 0...8, default: 2),
            paper: paper,
            paperSource: try DirectiveFields.text(node, "paper-source")?.value ?? "paper",
            caption: try DirectiveFields.text(node, "caption")?.value ?? "",
            location: location)
    }
}
