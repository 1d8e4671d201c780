import Charts

/// How a figure's series read, beyond the data: symmetric-log axes, legend labels and colours.
///
/// ```yaml
/// symlog-x: 1e-5                                   # linear within ±1e-5 of 0, logarithmic beyond
/// legend: {labels=true: true labels, labels=random: random labels}
/// colors: {labels=true: blue, labels=random: "#D55E00"}
/// panels: data.set                                 # one panel per value of a parameter
/// also-from: [random-labels-cnn]                   # more experiments in the same figure
/// ```
/// `legend` and `colors` are keyed by the name the series would have by default (the legend
/// without them, such as `labels=random`); colours are Okabe–Ito names (blue, vermillion, green,
/// orange, purple, sky-blue, black, yellow) or `#RRGGBB`.
struct FigureStyle: Sendable {
    static let keys = ["symlog-x", "symlog-y", "legend", "colors", "panels", "also-from"]

    var symlogX: Double?
    var symlogY: Double?
    var legend: [(name: Marked<String>, label: String)] = []
    var colors: [(name: Marked<String>, color: Color)] = []
    /// Small multiples: one panel per value of this parameter.
    var panels: Marked<String>?
    /// More experiments drawn in the same figure (series named "experiment, series").
    var alsoFrom: [Marked<String>] = []

    static func parse(_ node: YAMLNode) throws(SpecIssue) -> FigureStyle {
        var style = FigureStyle()
        func width(_ key: String) throws(SpecIssue) -> Double? {
            guard let pair = node[key] else { return nil }
            var v = SpecValidator()
            let w = try v.value(pair.value, type: .number(1e-300...1e300), path: key).doubleValue!
            guard w > 0 else { throw SpecIssue(mark: pair.value.mark, message: "key '\(key)': the linear width must be positive") }
            return w
        }
        style.symlogX = try width("symlog-x")
        style.symlogY = try width("symlog-y")
        for (key, logKey) in [("symlog-x", "log-x"), ("symlog-y", "log-y")] where node[key] != nil && node[logKey] != nil {
            throw SpecIssue(mark: node[key]!.keyMark, message: "key '\(key)': choose either '\(key)' or '\(logKey)'")
        }
        style.panels = try DirectiveFields.text(node, "panels")
        style.alsoFrom = try DirectiveFields.textList(node, "also-from") ?? []
        if let p = node["also-from"], style.panels != nil {
            throw SpecIssue(mark: p.keyMark, message: "key 'also-from': a figure draws several experiments or panels of one, not both")
        }
        style.legend = try mapping(node, "legend").map { ($0.name, $0.value.value) }
        style.colors = try mapping(node, "colors").map { item throws(SpecIssue) in
            guard let c = Color(name: item.value.value) else {
                throw SpecIssue(mark: item.value.mark, message: "key 'colors': '\(item.value.value)' is not a colour; use one of \(Color.named.keys.sorted().joined(separator: ", ")) or #RRGGBB")
            }
            return (item.name, c)
        }
        return style
    }

    /// `{name: text, …}` pairs of a mapping key.
    private static func mapping(_ node: YAMLNode, _ key: String) throws(SpecIssue) -> [(name: Marked<String>, value: Marked<String>)] {
        guard let pair = node[key] else { return [] }
        guard case .mapping(let pairs) = pair.value.kind else {
            throw SpecIssue(mark: pair.value.mark, message: "key '\(key)': expected a mapping from series names to \(key == "colors" ? "colours" : "labels"), like {labels=random: random labels}")
        }
        return try pairs.map { p throws(SpecIssue) in
            guard case .scalar(let s, _) = p.value.kind else {
                throw SpecIssue(mark: p.value.mark, message: "key '\(key).\(p.key)': expected text, got \(p.value.shapeDescription)")
            }
            return (Marked(value: p.key, mark: p.keyMark), Marked(value: s, mark: p.value.mark))
        }
    }

    /// The axis scale: symmetric log when asked, else log or linear.
    func scale(log: Bool, symlog: Double?) -> Axis.Scale {
        if let w = symlog { return .symlog(linearWidth: w) }
        return log ? .log : .linear
    }

    /// Checks that every name in `legend` and `colors` is a series of the figure.
    func check(seriesNames: [String]) throws(SpecIssue) {
        for name in legend.map(\.name) + colors.map(\.name) where !seriesNames.contains(name.value) {
            let near = NearestName.suggest(name.value, among: seriesNames)
            throw SpecIssue(mark: name.mark, message: "'\(name.value)' is not a series of this figure" + (near.map { " (did you mean '\($0)'?)" } ?? "") + "; its series are: \(seriesNames.joined(separator: ", "))")
        }
    }

    /// The legend text of a series.
    func label(_ name: String) -> String { legend.first { $0.name.value == name }?.label ?? name }
    /// The colour of a series, when the figure names one.
    func color(_ name: String) -> Color? { colors.first { $0.name.value == name }?.color }
}
