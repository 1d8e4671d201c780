/// A validated `claim` directive: a checkable statement over an experiment's results.
struct ClaimDirective: Sendable {
    static let keys = ["label", "from", "statement", "paper", "metric", "where", "expect", "min-seeds"]
    static let expectations = ["at-least", "at-most", "between", "above", "below", "increasing", "decreasing", "order"]

    /// What the measured metric (mean over seeds) must satisfy.
    enum Expectation: Sendable {
        case atLeast(Double)
        case atMost(Double)
        case between(Double, Double)
        /// Greater (or smaller) than `factor ×` the metric on the runs selected by `other`.
        case above(other: Selection, factor: Double)
        case below(other: Selection, factor: Double)
        /// Non-decreasing (or non-increasing) along a sweep parameter.
        case increasing(Marked<String>)
        case decreasing(Marked<String>)
        /// Increasing in the listed order of values of parameter `by`.
        case order(by: Marked<String>, values: [Marked<String>])

        /// A bound as the closed interval `[low, high]` it asks for (one side infinite for
        /// `at-least` and `at-most`) and its wording ("≥ 0.99"); nil for comparisons and trends.
        var bound: (low: Double, high: Double, wording: String)? {
            switch self {
            case .atLeast(let b): return (b, .infinity, "≥ \(b.shortDescription)")
            case .atMost(let b): return (-.infinity, b, "≤ \(b.shortDescription)")
            case .between(let a, let b): return (a, b, "in [\(a.shortDescription), \(b.shortDescription)]")
            default: return nil
            }
        }
    }

    /// `min-seeds`: a t-interval needs at least two seeds.
    static let minSeedsType = SpecType.integer(2...1000)

    var label: Marked<String>?
    var from: Marked<String>
    var statement: String
    var paper: String
    var metric: Marked<String>
    var selection: Selection
    var expectation: Expectation
    var tolerance: Double
    /// `every-run: true` (bounds only): every selected run must meet the bound, rather than the
    /// interval of the mean; for statements about each run, such as "every network fits its
    /// training set", whose runs stop at the threshold.
    var everyRun: Bool = false
    /// Seeds each compared selection needs (nil: the book's `min-seeds`, default 3).
    var minSeeds: Int?
    var location: DirectiveLocation

    static func parse(_ node: YAMLNode, location: DirectiveLocation) throws(SpecIssue) -> ClaimDirective {
        try DirectiveFields.checkKeys(node, allowed: keys, directive: "claim")
        guard let e = node["expect"] else {
            throw SpecIssue(mark: node.mark, message: "missing required key 'expect' in claim (one of \(expectations.joined(separator: ", ")))")
        }
        let (expectation, tolerance, everyRun) = try parseExpectation(e.value)
        var v = SpecValidator()
        let minSeeds = try node["min-seeds"].map { p throws(SpecIssue) in try v.value(p.value, type: ClaimDirective.minSeedsType, path: "min-seeds").intValue! }
        return ClaimDirective(
            label: try DirectiveFields.label(node),
            from: try DirectiveFields.required(node, "from", directive: "claim"),
            statement: try DirectiveFields.text(node, "statement")?.value ?? "",
            paper: try DirectiveFields.text(node, "paper")?.value ?? "",
            metric: try DirectiveFields.required(node, "metric", directive: "claim"),
            selection: try Selection.parse(node["where"]?.value),
            expectation: expectation, tolerance: tolerance, everyRun: everyRun, minSeeds: minSeeds, location: location)
    }

    private static func parseExpectation(_ node: YAMLNode) throws(SpecIssue) -> (Expectation, Double, Bool) {
        let (expectation, tolerance) = try parseCheck(node)
        guard let flag = node["every-run"] else { return (expectation, tolerance, false) }
        var v = SpecValidator()
        let everyRun = try v.value(flag.value, type: .boolean, path: "expect.every-run").boolValue!
        if everyRun && expectation.bound == nil {
            throw SpecIssue(mark: flag.keyMark, message: "key 'expect.every-run': only a bound (at-least, at-most, between) can be checked on every run; a comparison or trend is judged on intervals")
        }
        return (expectation, tolerance, everyRun)
    }

    private static func parseCheck(_ node: YAMLNode) throws(SpecIssue) -> (Expectation, Double) {
        let allowed = expectations + ["tolerance", "factor", "by", "every-run"]
        guard case .mapping(let pairs) = node.kind else {
            throw SpecIssue(mark: node.mark, message: "key 'expect': expected a mapping such as {at-least: 0.99} (one of \(expectations.joined(separator: ", ")))")
        }
        for pair in pairs where !allowed.contains(pair.key) {
            throw SpecIssue(mark: pair.keyMark, message: "unknown key '\(pair.key)' in expect \(NearestName.hint(pair.key, among: allowed))")
        }
        let chosen = pairs.filter { expectations.contains($0.key) }
        guard chosen.count == 1, let pair = chosen.first else {
            throw SpecIssue(mark: node.mark, message: "key 'expect': give exactly one of \(expectations.joined(separator: ", ")), got \(chosen.count)")
        }
        var v = SpecValidator()
        let tolerance = try node["tolerance"].map { p throws(SpecIssue) in try v.value(p.value, type: .number(0...1e12), path: "expect.tolerance").doubleValue! } ?? 0
        let factor = try node["factor"].map { p throws(SpecIssue) in try v.value(p.value, type: .number(0...1e12), path: "expect.factor").doubleValue! } ?? 1
        let number = SpecType.number(-1e300...1e300)
        switch pair.key {
        case "at-least": return (.atLeast(try v.value(pair.value, type: number, path: "expect.at-least").doubleValue!), tolerance)
        case "at-most": return (.atMost(try v.value(pair.value, type: number, path: "expect.at-most").doubleValue!), tolerance)
        case "between":
            let list = try v.value(pair.value, type: .list(number, count: 2...2), path: "expect.between").listValue!
            let (a, b) = (list[0].doubleValue!, list[1].doubleValue!)
            guard a <= b else { throw SpecIssue(mark: pair.value.mark, message: "key 'expect.between': the lower bound \(a) exceeds the upper bound \(b)") }
            return (.between(a, b), tolerance)
        case "above": return (.above(other: try Selection.parse(pair.value, key: "expect.above"), factor: factor), tolerance)
        case "below": return (.below(other: try Selection.parse(pair.value, key: "expect.below"), factor: factor), tolerance)
        case "increasing", "decreasing":
            guard case .scalar(let s, _) = pair.value.kind else {
                throw SpecIssue(mark: pair.value.mark, message: "key 'expect.\(pair.key)': expected a sweep parameter name")
            }
            let m = Marked(value: s, mark: pair.value.mark)
            return (pair.key == "increasing" ? .increasing(m) : .decreasing(m), tolerance)
        default:
            guard let values = try DirectiveFields.textList(node, "order"), values.count >= 2 else {
                throw SpecIssue(mark: pair.value.mark, message: "key 'expect.order': expected a list of at least two parameter values")
            }
            let by = try DirectiveFields.text(node, "by") ?? Marked(value: "condition", mark: pair.value.mark)
            return (.order(by: by, values: values), tolerance)
        }
    }
}

extension ClaimDirective {
    /// What the claim tests, for finding two claims that test the same thing: experiment,
    /// selection, metric, check, tolerance and min-seeds.
    var signature: String {
        func terms(_ s: Selection) -> String { s.terms.map { "\($0.parameter)=\($0.value)" }.sorted().joined(separator: ",") }
        let check: String
        switch expectation {
        case .atLeast(let v): check = "at-least \(v)"
        case .atMost(let v): check = "at-most \(v)"
        case .between(let a, let b): check = "between \(a) \(b)"
        case .above(let o, let f): check = "above \(terms(o)) × \(f)"
        case .below(let o, let f): check = "below \(terms(o)) × \(f)"
        case .increasing(let p): check = "increasing \(p.value)"
        case .decreasing(let p): check = "decreasing \(p.value)"
        case .order(let by, let values): check = "order \(by.value) \(values.map(\.value))"
        }
        return "\(from.value)|\(terms(selection))|\(MetricReference(metric.value))|\(check)\(everyRun ? " every run" : "")|\(tolerance)|\(minSeeds ?? 0)"
    }

    /// Throws when no measurement could make the claim fail: a selection compared with itself, or
    /// a bound that an accuracy (a share in [0, 1]) always meets.
    func checkCanFail() throws(SpecIssue) {
        func terms(_ s: Selection) -> Set<String> { Set(s.terms.map { "\($0.parameter)=\($0.value)" }) }
        switch expectation {
        case .above(let other, let factor), .below(let other, let factor):
            if terms(other) == terms(selection), factor == 1 {
                throw SpecIssue(mark: metric.mark, message: "key 'expect': the claim compares its selection with itself (the difference is 0 on every seed); compare with another 'where' selection")
            }
        default: break
        }
        guard MetricReference(metric.value).name.hasSuffix("accuracy") else { return }
        if let bound = expectation.bound, bound.low - tolerance <= 0, bound.high + tolerance >= 1 {
            throw SpecIssue(mark: metric.mark, message: "key 'expect': an accuracy always lies in [0, 1], so this bound cannot fail; state a bound the paper's claim could violate")
        }
    }
}
