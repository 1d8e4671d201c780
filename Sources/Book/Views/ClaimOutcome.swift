import Foundation

/// The verdict on one claim, with the measured values behind it.
struct ClaimOutcome: Sendable {
    enum Verdict: String, Sendable {
        case replicated = "replicated"
        case notReplicated = "not replicated"
        case notJudged = "not judged (quick profile)"
    }
    var verdict: Verdict
    /// What was measured, in words: `train-accuracy = 0.9990 (mean over 2 seeds) ≥ 0.99`.
    var measured: [String]

    /// Judges `claim` on `results`; on the quick profile the values are shown but not judged.
    static func judge(_ claim: ClaimDirective, results: ResultSet, quick: Bool) throws(SpecIssue) -> ClaimOutcome {
        let e = results.experiment
        let metric = MetricReference(claim.metric.value)
        let selected = results.selecting(claim.selection)
        guard !selected.runs.isEmpty else { throw SpecIssue(mark: claim.metric.mark, message: "no runs match the claim's selection") }
        func value(_ set: ResultSet) -> MeanStd { MeanStd(set.runs.compactMap { metric.value(in: $0.result.measurements) }) }
        func show(_ s: MeanStd) -> String {
            let seeds = s.count == 1 ? "1 run" : "mean of \(s.count) runs, std \(String(format: "%.4g", s.std))"
            return "\(String(format: "%.4g", s.mean)) (\(seeds))"
        }
        let tol = claim.tolerance
        var lines: [String] = []
        var holds: Bool
        switch claim.expectation {
        case .atLeast(let bound):
            let v = value(selected)
            holds = v.mean >= bound - tol
            lines.append("\(metric) = \(show(v)); expected ≥ \(bound.shortDescription)\(tol > 0 ? " (tolerance \(tol.shortDescription))" : "")")
        case .atMost(let bound):
            let v = value(selected)
            holds = v.mean <= bound + tol
            lines.append("\(metric) = \(show(v)); expected ≤ \(bound.shortDescription)\(tol > 0 ? " (tolerance \(tol.shortDescription))" : "")")
        case .between(let a, let b):
            let v = value(selected)
            holds = v.mean >= a - tol && v.mean <= b + tol
            lines.append("\(metric) = \(show(v)); expected in [\(a.shortDescription), \(b.shortDescription)]")
        case .above(let other, let factor), .below(let other, let factor):
            let isAbove: Bool
            if case .above = claim.expectation { isAbove = true } else { isAbove = false }
            let v = value(selected)
            let baseSet = results.selecting(other)
            guard !baseSet.runs.isEmpty else { throw SpecIssue(mark: claim.metric.mark, message: "no runs match the comparison's selection") }
            let w = value(baseSet)
            holds = isAbove ? v.mean > factor * w.mean - tol : v.mean < factor * w.mean + tol
            let otherName = other.terms.map { "\($0.parameter)=\($0.value)" }.joined(separator: ", ")
            lines.append("\(metric) = \(show(v)); on \(otherName): \(show(w))")
            lines.append("expected \(isAbove ? ">" : "<") \(factor == 1 ? "" : "\(factor.shortDescription) × ")the value on \(otherName); ratio \(String(format: "%.3g", v.mean / w.mean))")
        case .increasing(let p), .decreasing(let p):
            let increasing: Bool
            if case .increasing = claim.expectation { increasing = true } else { increasing = false }
            let name = try BookIndex.parameter(p, in: e, key: "expect")
            let others = selected.varyingParameters.filter { $0 != name }
            holds = true
            for group in selected.grouped(by: others) {
                let points = ResultSet(experiment: e, runs: group.runs).grouped(by: [name]).compactMap { sub -> (Double, MeanStd)? in
                    guard let x = sub.values[0].value.doubleValue else { return nil }
                    return (x, MeanStd(sub.runs.compactMap { metric.value(in: $0.result.measurements) }))
                }.sorted { $0.0 < $1.0 }
                // A trend needs two numeric points; without them the claim would hold vacuously.
                guard points.count >= 2 else {
                    throw SpecIssue(mark: p.mark, message: "key 'expect': '\(name)' must take at least two numeric values across the selected runs to judge a trend (found \(points.count))")
                }
                for (a, b) in zip(points, points.dropFirst()) {
                    if increasing ? b.1.mean < a.1.mean - tol : b.1.mean > a.1.mean + tol { holds = false }
                }
                let prefix = others.isEmpty ? "" : "\(ResultSet.groupName(group.values)): "
                lines.append(prefix + points.map { "\(name.split(separator: ".").last!)=\($0.0.shortDescription) → \(String(format: "%.4g", $0.1.mean))" }.joined(separator: ", "))
            }
            lines.append("expected \(increasing ? "non-decreasing" : "non-increasing") in \(name)\(tol > 0 ? " (tolerance \(tol.shortDescription))" : "")")
        case .order(let by, let values):
            let name = try BookIndex.parameter(by, in: e, key: "expect.by")
            var means: [(String, Double)] = []
            for v in values {
                let set = selected.selecting(Selection(terms: [Selection.Term(parameter: name, value: v.value, mark: v.mark, keyMark: v.mark)]))
                means.append((v.value, value(set).mean))
            }
            holds = zip(means, means.dropFirst()).allSatisfy { $0.1 <= $1.1 + tol }
            lines.append(means.map { "\($0.0): \(String(format: "%.4g", $0.1))" }.joined(separator: " ≤ "))
            lines.append("expected \(metric) to increase in this order of \(name)")
        }
        let verdict: Verdict = quick ? .notJudged : (holds ? .replicated : .notReplicated)
        return ClaimOutcome(verdict: verdict, measured: lines)
    }
}
