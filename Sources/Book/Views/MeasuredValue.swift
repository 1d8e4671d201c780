import Foundation

/// A measured number written into a sentence: an inline code span that starts with `measure:`,
/// rendered from the same results as tables and claims.
///
///     The MLP reaches `measure: {from: randomization, metric: test-accuracy, where: {labels: random}, format: percent, digits: 1, spread: ci}` on random labels.
///
/// The value is the mean of the metric over the selected runs (`max(…)`, `min(…)`, `first(…)`,
/// `last(…)` reduce a series as in claims); `spread: sd` adds `± s`, `spread: ci` the 95% Student-t
/// interval of the mean.
struct MeasuredValue: Sendable {
    static let prefix = "measure:"
    static let keys = ["from", "metric", "where", "format", "digits", "spread"]

    var from: Marked<String>
    var metric: Marked<String>
    var selection: Selection
    /// `number` or `percent` (× 100, with a % sign).
    var format: String
    var digits: Int
    /// `none`, `sd` or `ci`.
    var spread: String

    /// Reads `measure: {…}` (the code span's text); marks are relative to the span.
    static func parse(_ code: String) throws(SpecIssue) -> MeasuredValue {
        let root = try YAMLNode.parse(code)
        guard let body = root["measure"]?.value, case .mapping = body.kind else {
            throw SpecIssue(mark: root.mark, message: "a measured value is written `measure: {from: EXPERIMENT, metric: METRIC, where: {…}, format: percent|number, digits: N, spread: none|sd|ci}`")
        }
        try DirectiveFields.checkKeys(body, allowed: keys, directive: "measure")
        return MeasuredValue(
            from: try DirectiveFields.required(body, "from", directive: "measure"),
            metric: try DirectiveFields.required(body, "metric", directive: "measure"),
            selection: try Selection.parse(body["where"]?.value),
            format: try DirectiveFields.choice(body, "format", ["number", "percent"], default: "number"),
            digits: try DirectiveFields.integer(body, "digits", 0...10, default: 3),
            spread: try DirectiveFields.choice(body, "spread", ["none", "sd", "ci"], default: "none"))
    }

    /// Checks the experiment, metric and selection against the book, as for claims.
    func check(in index: BookIndex) throws(SpecIssue) -> ExperimentDirective {
        let e = try index.experiment(from)
        try BookIndex.checkMetric(metric, in: e, key: "metric")
        try BookIndex.checkSelection(selection, in: e, key: "where")
        return e
    }

    /// The formatted value of the selected runs: `81.2%`, `0.812 ± 0.004`, `81.2% (95% CI 80.1–82.3%)`.
    func text(_ results: ResultSet) throws(SpecIssue) -> String {
        let reference = MetricReference(metric.value)
        let values = results.selecting(selection).runs.compactMap { reference.value(in: $0.result.measurements) }
        guard !values.isEmpty else { throw SpecIssue(mark: metric.mark, message: "no runs match the measured value's selection") }
        let scale = format == "percent" ? 100.0 : 1, unit = format == "percent" ? "%" : ""
        func show(_ x: Double) -> String { String(format: "%.\(digits)f", x * scale) }
        let s = MeanStd(values)
        switch spread {
        case "sd" where values.count > 1: return "\(show(s.mean))\(unit) ± \(show(s.std))\(unit)"
        case "ci":
            guard let i = SeedInterval.mean(values) else { return "\(show(s.mean))\(unit) (1 run, no interval)" }
            return "\(show(s.mean))\(unit) (95% CI \(show(i.lower))–\(show(i.upper))\(unit), \(values.count) seeds)"
        default: return "\(show(s.mean))\(unit)"
        }
    }
}
