/// A `where:` filter: sweep parameter (full dotted path or a unique suffix such as `labels`) → value.
struct Selection: Sendable, Equatable {
    struct Term: Sendable, Equatable {
        var parameter: String
        var value: String
        var mark: YAMLMark
        var keyMark: YAMLMark
    }
    var terms: [Term] = []

    /// Reads a YAML mapping of parameter → scalar value.
    static func parse(_ node: YAMLNode?, key: String = "where") throws(SpecIssue) -> Selection {
        guard let node else { return Selection() }
        guard case .mapping(let pairs) = node.kind else {
            throw SpecIssue(mark: node.mark, message: "key '\(key)': expected a mapping of sweep parameter → value, got \(node.shapeDescription)")
        }
        var terms: [Term] = []
        for pair in pairs {
            guard case .scalar(let v, _) = pair.value.kind else {
                throw SpecIssue(mark: pair.value.mark, message: "key '\(key).\(pair.key)': expected a single value, got \(pair.value.shapeDescription)")
            }
            terms.append(Term(parameter: pair.key, value: v, mark: pair.value.mark, keyMark: pair.keyMark))
        }
        return Selection(terms: terms)
    }
}
