/// A validated `figure` directive: a plot of recorded metrics (curves, points, bars, a histogram or
/// a grid of images).
///
/// With `x` a series (such as `epoch`) each group of runs draws a curve; with `x` a sweep parameter
/// each group draws one point per parameter value, `y` taken as a scalar metric. Values are averaged
/// over seeds, with a ± std band.
struct FigureDirective: Sendable {
    static let keys = ["label", "from", "plot", "x", "y", "series", "where", "band", "log-x", "log-y",
                       "caption", "title", "x-label", "y-label", "y-range", "bins", "range", "normalize", "lines", "image-size", "column-labels",
                       "image-labels", "label-names", "highlight", "alt"] + FigureStyle.keys
    /// What `plot:` draws.
    enum Plot: String, Sendable, CaseIterable {
        /// Curves (x a series or a numeric sweep parameter), the default.
        case line
        /// Points without lines.
        case scatter
        /// Grouped bars, one slot per value of a parameter (which may be text).
        case bar
        /// The distribution of the values of `y`; no x metric.
        case histogram
        /// A grid of images stored by the runs; no x metric.
        case images

        /// Whether `x` names a metric or parameter.
        var hasXAxis: Bool { self != .histogram && self != .images }
        /// Whether `x` must be numeric (a parameter with text values needs `bar`).
        var needsNumericX: Bool { self == .line || self == .scatter }
    }

    var label: Marked<String>?
    var from: Marked<String>
    var plot: Plot
    var x: Marked<String>
    var y: [Marked<String>]
    var series: [Marked<String>]?
    var selection: Selection
    var band: Bool
    var logX: Bool
    var logY: Bool
    var caption: String
    /// The picture described in words for readers who cannot see it (nil: the figure's number and
    /// its caption as plain text).
    var alt: String?
    var title: String
    var xLabel: String?
    var yLabel: String?
    /// Histogram settings: bin count, optional bin range, and what the bar heights measure.
    var bins: Int
    var range: ClosedRange<Double>?
    /// A fixed range of the value axis (nil: fit the data); data and bands outside it are clipped.
    var yRange: ClosedRange<Double>?
    var normalize: String
    /// Labelled reference lines: `lines: [{y: 0.1, label: chance}, {x: 1000, label: n}]`.
    var lines: [(vertical: Bool, value: Double, label: String, mark: YAMLMark)]
    /// Image grids: `[height, width]` of each image (nil: from the run's `sample-height`/`sample-width`),
    /// and labels for the columns.
    var imageSize: (height: Int, width: Int)?
    var columnLabels: [String]
    /// Image grids: series with one value per image, each shown as a text line under the image
    /// (through `labelNames` when given: value `v` shows `labelNames[v]`; NaN shows nothing), and a
    /// series whose non-zero values frame their image in red.
    var imageLabels: [Marked<String>]
    var labelNames: [String]
    var highlight: Marked<String>?
    /// Symmetric-log axes, legend labels and colours per series.
    var style: FigureStyle
    var location: DirectiveLocation

    static func parse(_ node: YAMLNode, location: DirectiveLocation) throws(SpecIssue) -> FigureDirective {
        try DirectiveFields.checkKeys(node, allowed: keys, directive: "figure")
        guard let y = try DirectiveFields.textList(node, "y"), !y.isEmpty else {
            throw SpecIssue(mark: node.mark, message: "missing required key 'y' in figure (a metric or a list of metrics)")
        }
        func interval(_ key: String) throws(SpecIssue) -> ClosedRange<Double>? {
            guard let r = node[key] else { return nil }
            var v = SpecValidator()
            let pair = try v.value(r.value, type: .list(.number(-1e300...1e300), count: 2...2), path: key).listValue!
            let (a, b) = (pair[0].doubleValue!, pair[1].doubleValue!)
            guard a < b else { throw SpecIssue(mark: r.value.mark, message: "key '\(key)': the lower end \(a.shortDescription) must be below the upper end \(b.shortDescription)") }
            return a...b
        }
        let range = try interval("range")
        let yRange = try interval("y-range")
        var lines: [(Bool, Double, String, YAMLMark)] = []
        if let l = node["lines"] {
            guard case .sequence(let items) = l.value.kind else {
                throw SpecIssue(mark: l.value.mark, message: "key 'lines': expected a list like [{y: 0.1, label: chance}]")
            }
            for item in items {
                try DirectiveFields.checkKeys(item, allowed: ["x", "y", "label"], directive: "a reference line")
                let x = item["x"], y = item["y"]
                guard (x == nil) != (y == nil), let pair = x ?? y else {
                    throw SpecIssue(mark: item.mark, message: "key 'lines': each line needs exactly one of x or y")
                }
                var v = SpecValidator()
                let value = try v.value(pair.value, type: .number(-1e300...1e300), path: "lines.\(pair.key)").doubleValue!
                lines.append((x != nil, value, try DirectiveFields.text(item, "label")?.value ?? "", pair.value.mark))
            }
        }
        var imageSize: (Int, Int)? = nil
        if let size = node["image-size"] {
            var v = SpecValidator()
            let hw = try v.value(size.value, type: .list(.integer(1...4096), count: 2...2), path: "image-size").listValue!
            imageSize = (hw[0].intValue!, hw[1].intValue!)
        }
        return FigureDirective(
            label: try DirectiveFields.label(node),
            from: try DirectiveFields.required(node, "from", directive: "figure"),
            plot: Plot(rawValue: try DirectiveFields.choice(node, "plot", Plot.allCases.map(\.rawValue), default: Plot.line.rawValue))!,
            x: try DirectiveFields.text(node, "x") ?? Marked(value: "epoch", mark: node.mark),
            y: y,
            series: try DirectiveFields.textList(node, "series"),
            selection: try Selection.parse(node["where"]?.value),
            band: try DirectiveFields.choice(node, "band", ["std", "none"], default: "std") == "std",
            logX: try DirectiveFields.bool(node, "log-x", default: false),
            logY: try DirectiveFields.bool(node, "log-y", default: false),
            caption: try DirectiveFields.text(node, "caption")?.value ?? "",
            alt: try DirectiveFields.text(node, "alt")?.value,
            title: try DirectiveFields.text(node, "title")?.value ?? "",
            xLabel: try DirectiveFields.text(node, "x-label")?.value,
            yLabel: try DirectiveFields.text(node, "y-label")?.value,
            bins: try DirectiveFields.integer(node, "bins", 1...1000, default: 30),
            range: range,
            yRange: yRange,
            normalize: try DirectiveFields.choice(node, "normalize", ["count", "fraction", "density"], default: "count"),
            lines: lines,
            imageSize: imageSize,
            columnLabels: try DirectiveFields.textList(node, "column-labels")?.map(\.value) ?? [],
            imageLabels: try DirectiveFields.textList(node, "image-labels") ?? [],
            labelNames: try DirectiveFields.textList(node, "label-names")?.map(\.value) ?? [],
            highlight: try DirectiveFields.text(node, "highlight"),
            style: try FigureStyle.parse(node),
            location: location)
    }
}
