/// A validated `figure` directive: a line or scatter plot of recorded metrics.
///
/// With `x` a series (such as `epoch`) each group of runs draws a curve; with `x` a sweep parameter
/// each group draws one point per parameter value, `y` taken as a scalar metric. Values are averaged
/// over seeds, with a ± std band.
struct FigureDirective: Sendable {
    static let keys = ["label", "from", "plot", "x", "y", "series", "where", "band", "log-x", "log-y",
                       "caption", "title", "x-label", "y-label"]
    var label: Marked<String>?
    var from: Marked<String>
    var plot: String
    var x: Marked<String>
    var y: [Marked<String>]
    var series: [Marked<String>]?
    var selection: Selection
    var band: Bool
    var logX: Bool
    var logY: Bool
    var caption: String
    var title: String
    var xLabel: String?
    var yLabel: String?
    var location: DirectiveLocation

    static func parse(_ node: YAMLNode, location: DirectiveLocation) throws(SpecIssue) -> FigureDirective {
        try DirectiveFields.checkKeys(node, allowed: keys, directive: "figure")
        guard let y = try DirectiveFields.textList(node, "y"), !y.isEmpty else {
            throw SpecIssue(mark: node.mark, message: "missing required key 'y' in figure (a metric or a list of metrics)")
        }
        return FigureDirective(
            label: try DirectiveFields.label(node),
            from: try DirectiveFields.required(node, "from", directive: "figure"),
            plot: try DirectiveFields.choice(node, "plot", ["line", "scatter", "bar"], default: "line"),
            x: try DirectiveFields.text(node, "x") ?? Marked(value: "epoch", mark: node.mark),
            y: y,
            series: try DirectiveFields.textList(node, "series"),
            selection: try Selection.parse(node["where"]?.value),
            band: try DirectiveFields.choice(node, "band", ["std", "none"], default: "std") == "std",
            logX: try DirectiveFields.bool(node, "log-x", default: false),
            logY: try DirectiveFields.bool(node, "log-y", default: false),
            caption: try DirectiveFields.text(node, "caption")?.value ?? "",
            title: try DirectiveFields.text(node, "title")?.value ?? "",
            xLabel: try DirectiveFields.text(node, "x-label")?.value,
            yLabel: try DirectiveFields.text(node, "y-label")?.value,
            location: location)
    }
}
