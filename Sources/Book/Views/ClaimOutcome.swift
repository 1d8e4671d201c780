import Foundation

/// The verdict on one claim, judged on 95% confidence intervals over seeds, with the measured
/// values behind it in words.
///
/// - A bound (`at-least`, `at-most`, `between`) is judged on the Student-t interval of the mean;
///   with `every-run: true`, on every run: replicated when all runs meet it, not replicated when one
///   does not.
/// - A comparison (`above`, `below`, with `factor`) is judged on the interval of the difference
///   `value − factor × other`, paired by seed when both sides ran on the same seeds, Welch otherwise.
/// - A trend (`increasing`, `decreasing`) or `order` is a comparison at every consecutive step.
///
/// *Replicated* when the whole interval satisfies the check, *not replicated* when the whole
/// interval violates it, *inconclusive* when it straddles the threshold or there are fewer than
/// `min-seeds` seeds. A deterministic kind's runs are judged on their range (every run must pass).
struct ClaimOutcome: Sendable {
    enum Verdict: String, Sendable, CaseIterable {
        case replicated = "replicated"
        case notReplicated = "not replicated"
        case inconclusive = "inconclusive"
        case notJudged = "not judged (quick profile)"

        /// The CSS class of cards and table rows.
        var cssClass: String {
            switch self {
            case .replicated: "replicated"
            case .notReplicated: "not-replicated"
            case .inconclusive: "inconclusive"
            case .notJudged: "not-judged"
            }
        }
    }
    var verdict: Verdict
    /// What was measured, in words: `train-accuracy: mean 0.9990, 95% interval [0.9985, 0.9995] over 3 seeds …`.
    var measured: [String]

    /// The outcome of one comparison with a threshold.
    enum Holds: Equatable {
        case yes, no
        case unknown(String)

        /// Every part must hold; one clear violation refutes the whole.
        static func all(_ parts: [Holds]) -> Holds {
            if parts.contains(.no) { return .no }
            return parts.first { $0 != .yes } ?? .yes
        }
    }

    /// Judges `claim` on `results`; on the quick profile the values are shown but not judged.
    /// `minSeeds` is the book's default for claims that do not set `min-seeds`.
    static func judge(_ claim: ClaimDirective, results: ResultSet, quick: Bool, minSeeds bookMinSeeds: Int = 3) throws(SpecIssue) -> ClaimOutcome {
        var judge = Judge(metric: MetricReference(claim.metric.value), tolerance: claim.tolerance,
                          minSeeds: claim.minSeeds ?? bookMinSeeds, deterministic: results.experiment.kind.isDeterministic)
        let selected = results.selecting(claim.selection)
        guard !selected.runs.isEmpty else { throw SpecIssue(mark: claim.metric.mark, message: "no runs match the claim's selection") }
        let holds = try judge.check(claim, selected: selected, all: results)
        var verdict: Verdict
        switch holds {
        case .yes: verdict = .replicated
        case .no: verdict = .notReplicated
        case .unknown(let why):
            verdict = .inconclusive
            judge.lines.append("inconclusive: \(why)")
        }
        if quick { verdict = .notJudged }
        return ClaimOutcome(verdict: verdict, measured: judge.lines)
    }
}

extension ClaimOutcome {
    /// The state of one judgement: the metric, its thresholds and the lines written so far.
    struct Judge {
        let metric: MetricReference
        let tolerance: Double
        let minSeeds: Int
        let deterministic: Bool
        var lines: [String] = []

        typealias Sample = [(seed: UInt64, value: Double)]

        func sample(_ set: ResultSet) -> Sample {
            set.runs.compactMap { entry in metric.value(in: entry.result.measurements).map { (entry.run.seed, $0) } }
        }

        /// `x` to `digits` significant digits; −0 (a zero tolerance negated) prints as 0.
        static func number(_ x: Double, digits: Int = 4) -> String { String(format: "%.\(digits)g", x == 0 ? 0 : x) }

        /// Significant digits that show an interval's half-width to two digits (at least 4).
        static func digits(_ i: SeedInterval) -> Int {
            let half = (i.upper - i.lower) / 2, size = max(abs(i.lower), abs(i.upper))
            guard half > 0, size > 0, half.isFinite, size.isFinite else { return 4 }
            return min(10, max(4, Int((log10(size / half)).rounded(.up)) + 2))
        }

        /// Why `sample` cannot carry an interval, or nil when it can.
        func shortfall(_ sample: Sample, name: String) -> String? {
            let missing = sample.filter { !$0.value.isFinite }.count
            if missing > 0 { return "\(missing) of \(sample.count) runs of \(name) have no finite value" }
            if deterministic { return sample.isEmpty ? "no runs of \(name)" : nil }
            if sample.count < minSeeds {
                return "\(name) has \(sample.count) seed\(sample.count == 1 ? "" : "s"); a claim on a stochastic experiment needs at least \(minSeeds) (min-seeds)"
            }
            return nil
        }

        /// The interval of the mean of `sample` (its range for a deterministic kind), or why there is none.
        func interval(_ sample: Sample, name: String) -> (SeedInterval?, String?) {
            if let why = shortfall(sample, name: name) { return (nil, why) }
            let values = sample.map(\.value)
            var interval = deterministic ? SeedInterval.range(values) : SeedInterval.mean(values)
            let seeds = Set(sample.map(\.seed)).count
            if seeds < values.count { interval?.configurations = (values.count + seeds - 1) / seeds }
            return (interval, nil)
        }

        /// The interval of `a − factor·b`, or why there is none.
        func difference(_ a: Sample, _ b: Sample, factor: Double, names: (String, String)) -> (SeedInterval?, String?) {
            if let why = shortfall(a, name: names.0) ?? shortfall(b, name: names.1) { return (nil, why) }
            if deterministic {
                let (va, vb) = (a.map(\.value), b.map(\.value))
                let lo = va.min()! - factor * (factor >= 0 ? vb.max()! : vb.min()!)
                let hi = va.max()! - factor * (factor >= 0 ? vb.min()! : vb.max()!)
                return (SeedInterval(estimate: MeanStd(va).mean - factor * MeanStd(vb).mean, lower: lo, upper: hi,
                                     count: min(a.count, b.count), method: .range), nil)
            }
            return (SeedInterval.difference(a, b, factor: factor), nil)
        }

        /// `est, 95% interval [lo, hi] over n seeds (method)`.
        static func describe(_ i: SeedInterval) -> String {
            let n = digits(i)
            if i.method == .range {
                return "\(number(i.estimate, digits: n)) (runs range from \(number(i.lower, digits: n)) to \(number(i.upper, digits: n)), \(i.count) run\(i.count == 1 ? "" : "s"), deterministic construction)"
            }
            let runs = i.configurations > 1 ? "\(i.count) runs pooled from \(i.configurations) configurations" : "\(i.count) seeds"
            return "\(number(i.estimate, digits: n)), 95% interval [\(number(i.lower, digits: n)), \(number(i.upper, digits: n))] over \(runs) (\(i.method.rawValue))"
        }

        /// `mean m of n runs` for a sample without an interval.
        static func describe(_ s: Sample) -> String {
            let m = MeanStd(s.map(\.value))
            return "\(number(m.mean)) (\(m.count) run\(m.count == 1 ? "" : "s"))"
        }

        /// Whether `[lower, upper]` lies at or above `t` (`strict`: above).
        static func atLeast(_ i: SeedInterval, _ t: Double, strict: Bool = false) -> Holds {
            if strict ? i.lower > t : i.lower >= t { return .yes }
            if strict ? i.upper <= t : i.upper < t { return .no }
            return .unknown("the interval [\(number(i.lower, digits: digits(i))), \(number(i.upper, digits: digits(i)))] straddles the threshold \(number(t, digits: digits(i)))")
        }

        static func atMost(_ i: SeedInterval, _ t: Double, strict: Bool = false) -> Holds {
            if strict ? i.upper < t : i.upper <= t { return .yes }
            if strict ? i.lower >= t : i.lower > t { return .no }
            return .unknown("the interval [\(number(i.lower, digits: digits(i))), \(number(i.upper, digits: digits(i)))] straddles the threshold \(number(t, digits: digits(i)))")
        }

        var toleranceNote: String { tolerance > 0 ? " (tolerance \(tolerance.shortDescription))" : "" }

        /// A bound on the selected runs' metric.
        mutating func bound(_ sample: Sample, expected: String, _ test: (SeedInterval) -> Holds) -> Holds {
            let (i, why) = interval(sample, name: "the selection")
            guard let i else {
                lines.append("\(metric) = \(Judge.describe(sample)); expected \(expected)\(toleranceNote)")
                return .unknown(why!)
            }
            lines.append("\(metric) = \(Judge.describe(i)); expected \(expected) for the whole interval\(toleranceNote)")
            return test(i)
        }

        /// `a` above (or below) `factor × b`: the difference's interval against `∓tolerance`.
        mutating func compare(_ a: Sample, _ b: Sample, factor: Double, above: Bool, names: (String, String)) -> Holds {
            let (d, why) = difference(a, b, factor: factor, names: names)
            let scaled = factor == 1 ? names.1 : "\(factor.shortDescription) × \(names.1)"
            let meanA = MeanStd(a.map(\.value)).mean, meanB = MeanStd(b.map(\.value)).mean
            let ratio = meanB != 0 ? String(format: "; ratio of means %.3g", meanA / meanB) : ""
            guard let d else {
                lines.append("difference \(names.0) − \(scaled) = \(Judge.number(meanA - factor * meanB))\(ratio)")
                return .unknown(why!)
            }
            lines.append("difference \(names.0) − \(scaled) = \(Judge.describe(d))\(ratio); expected \(above ? "> " + Judge.number(-tolerance) : "< " + Judge.number(tolerance)) for the whole interval")
            return above ? Judge.atLeast(d, -tolerance, strict: true) : Judge.atMost(d, tolerance, strict: true)
        }

        /// A bound that every run of `sample` must meet (`every-run: true`).
        mutating func everyRun(_ sample: Sample, expected: String, _ meets: (Double) -> Bool) -> Holds {
            let values = sample.map(\.value)
            let range = values.isEmpty ? "no runs" : "runs range from \(Judge.number(values.min()!)) to \(Judge.number(values.max()!))"
            if let why = shortfall(sample, name: "the selection") {
                lines.append("\(metric): \(range); expected every run \(expected)\(toleranceNote)")
                return .unknown(why)
            }
            let passing = values.filter(meets).count
            var line = "\(metric): \(range) over \(values.count) runs; expected every run \(expected)\(toleranceNote); \(passing) of \(values.count) meet it"
            if passing == values.count {
                // Clopper–Pearson: with n of n successes the 95% interval of the success rate is [0.025^(1/n), 1].
                line += String(format: " (95%% interval for the share of runs that would: [%.2f, 1])", pow(0.025, 1 / Double(values.count)))
            }
            lines.append(line)
            return passing == values.count ? .yes : .no
        }

        mutating func check(_ claim: ClaimDirective, selected: ResultSet, all results: ResultSet) throws(SpecIssue) -> Holds {
            switch claim.expectation {
            case .atLeast, .atMost, .between:
                let (low, high, wording) = claim.expectation.bound!
                let (lower, upper) = (low - tolerance, high + tolerance)
                if claim.everyRun { return everyRun(sample(selected), expected: wording) { $0 >= lower && $0 <= upper } }
                return bound(sample(selected), expected: wording) { i in
                    Holds.all([lower.isFinite ? Judge.atLeast(i, lower) : .yes, upper.isFinite ? Judge.atMost(i, upper) : .yes])
                }
            case .above(let other, let factor), .below(let other, let factor):
                var isAbove = false
                if case .above = claim.expectation { isAbove = true }
                let baseSet = results.selecting(other)
                guard !baseSet.runs.isEmpty else { throw SpecIssue(mark: claim.metric.mark, message: "no runs match the comparison's selection") }
                let (a, b) = (sample(selected), sample(baseSet))
                let otherName = other.terms.map { "\($0.parameter)=\($0.value)" }.joined(separator: ", ")
                let mine = claim.selection.terms.isEmpty ? "all runs" : claim.selection.terms.map { "\($0.parameter)=\($0.value)" }.joined(separator: ", ")
                lines.append("\(metric) on \(mine) = \(Judge.describe(a)); on \(otherName) = \(Judge.describe(b))")
                return compare(a, b, factor: factor, above: isAbove, names: (mine, otherName))
            case .increasing(let p), .decreasing(let p):
                var increasing = false
                if case .increasing = claim.expectation { increasing = true }
                let name = try BookIndex.parameter(p, in: results.experiment, key: "expect")
                let others = selected.varyingParameters.filter { $0 != name }
                var parts: [Holds] = []
                for group in selected.grouped(by: others) {
                    let points = ResultSet(experiment: results.experiment, runs: group.runs).grouped(by: [name]).compactMap { sub -> (Double, Sample)? in
                        guard let x = sub.values[0].value.doubleValue else { return nil }
                        return (x, sample(ResultSet(experiment: results.experiment, runs: sub.runs)))
                    }.sorted { $0.0 < $1.0 }
                    // A trend needs two numeric points; without them the claim would hold vacuously.
                    guard points.count >= 2 else {
                        throw SpecIssue(mark: p.mark, message: "key 'expect': '\(name)' must take at least two numeric values across the selected runs to judge a trend (found \(points.count))")
                    }
                    let short = String(name.split(separator: ".").last!)
                    let prefix = others.isEmpty ? "" : "\(ResultSet.groupName(group.values)): "
                    lines.append(prefix + points.map { "\(short)=\($0.0.shortDescription) → \(Judge.describe($0.1))" }.joined(separator: ", "))
                    for (lo, hi) in zip(points, points.dropFirst()) {
                        let names = ("\(short)=\(hi.0.shortDescription)", "\(short)=\(lo.0.shortDescription)")
                        parts.append(compare(hi.1, lo.1, factor: 1, above: increasing, names: names))
                    }
                }
                lines.append("expected \(metric) to \(increasing ? "increase" : "decrease") at every step of \(name)\(toleranceNote)")
                return Holds.all(parts)
            case .order(let by, let values):
                let name = try BookIndex.parameter(by, in: results.experiment, key: "expect.by")
                let samples = values.map { v in
                    (v.value, sample(selected.selecting(Selection(terms: [Selection.Term(parameter: name, value: v.value, mark: v.mark, keyMark: v.mark)]))))
                }
                lines.append(samples.map { "\($0.0): \(Judge.describe($0.1))" }.joined(separator: " < "))
                var parts: [Holds] = []
                for (lo, hi) in zip(samples, samples.dropFirst()) {
                    parts.append(compare(hi.1, lo.1, factor: 1, above: true, names: (hi.0, lo.0)))
                }
                lines.append("expected \(metric) to increase in this order of \(name)\(toleranceNote)")
                return Holds.all(parts)
            }
        }
    }
}
