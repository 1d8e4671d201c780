/// A verdict written into a sentence, so that prose about what replicated is measured like every
/// other number: an inline code span `measure: {verdict: LABEL}` shows the verdict of the claim
/// labelled LABEL (linked to its card), and `measure: {verdicts: replicated}` the number of claims
/// in the book with that verdict (`not replicated`, `inconclusive`, or `all` for every judged claim).
struct MeasuredVerdict: Sendable {
    enum Query: Sendable {
        case verdict(Marked<String>)
        case count(Marked<String>)
    }
    static let keys = ["verdict", "verdicts"]
    /// What `verdicts:` may count: each verdict a full build gives, or `all`.
    static let counts = ClaimOutcome.Verdict.allCases.filter { $0 != .notJudged }.map(\.rawValue) + ["all"]

    var query: Query

    /// Reads the span when it asks for a verdict; nil when it is an ordinary measured value.
    static func parse(_ code: String) throws(SpecIssue) -> MeasuredVerdict? {
        let root = try YAMLNode.parse(code)
        guard let body = root["measure"]?.value, case .mapping(let pairs) = body.kind,
              pairs.contains(where: { keys.contains($0.key) }) else { return nil }
        try DirectiveFields.checkKeys(body, allowed: keys, directive: "measured verdict")
        guard pairs.count == 1 else {
            throw SpecIssue(mark: body.mark, message: "a measured verdict is `measure: {verdict: LABEL}` or `measure: {verdicts: replicated}`, one key")
        }
        if let label = try DirectiveFields.text(body, "verdict") { return MeasuredVerdict(query: .verdict(label)) }
        let which = try DirectiveFields.text(body, "verdicts")!
        guard counts.contains(which.value) else {
            throw SpecIssue(mark: which.mark, message: "key 'verdicts': '\(which.value)' is not a verdict; use one of \(counts.joined(separator: ", "))")
        }
        return MeasuredVerdict(query: .count(which))
    }

    /// The HTML in place of the span (a placeholder for a claim without results); throws for a
    /// label no claim carries.
    func html(_ verdicts: ClaimVerdicts, quick: Bool) throws(SpecIssue) -> String {
        switch query {
        case .count(let which):
            if quick { return "<span class=\"measured not-judged\" title=\"judged by a full build only\">[not judged: quick profile]</span>" }
            let n = ClaimOutcome.Verdict(rawValue: which.value).map(verdicts.count) ?? verdicts.judged.count
            return "<span class=\"measured\" title=\"claims with the verdict \(which.value.htmlEscaped)\">\(n)</span>"
        case .verdict(let label):
            guard let entry = verdicts.entries.first(where: { $0.target.label == label.value }) else {
                let known = verdicts.entries.map(\.target.label).filter { !$0.isEmpty }
                throw SpecIssue(mark: label.mark, message: "no claim has the label '\(label.value)' \(NearestName.hint(label.value, among: known))")
            }
            guard let outcome = entry.outcome else {
                return "<span class=\"measured-missing\" title=\"the claim's runs failed or were not trained\">[not judged]</span>"
            }
            return "<a class=\"verdict-ref \(outcome.verdict.cssClass)\" href=\"\(entry.chapter.slug).html#\(entry.target.anchor.htmlEscaped)\">\(outcome.verdict.rawValue.htmlEscaped)</a>"
        }
    }
}
