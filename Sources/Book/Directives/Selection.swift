/// A `where:` filter: sweep parameter (full dotted path or a unique suffix such as `labels`) → value.
struct Selection: Sendable, Equatable {
    struct Term: Sendable, Equatable {
        var parameter: String
        var value: String
        var mark: YAMLMark
        var keyMark: YAMLMark
    }
    var terms: [Term] = []

    /// Reads a YAML mapping of parameter → value (a scalar, or a list of scalars for list-valued parameters).
    static func parse(_ node: YAMLNode?, key: String = "where") throws(SpecIssue) -> Selection {
        guard let node else { return Selection() }
        guard case .mapping(let pairs) = node.kind else {
            throw SpecIssue(mark: node.mark, message: "key '\(key)': expected a mapping of sweep parameter → value, got \(node.shapeDescription)")
        }
        var terms: [Term] = []
        for pair in pairs {
            let written: String
            switch pair.value.kind {
            case .scalar(let v, _):
                written = v
            case .sequence(let items):
                // A list-valued sweep value such as `hidden: [512, 512]`, written the way pages show it.
                var parts: [String] = []
                for item in items {
                    guard case .scalar(let v, _) = item.kind else {
                        throw SpecIssue(mark: item.mark, message: "key '\(key).\(pair.key)': a list value may hold only single values, got \(item.shapeDescription)")
                    }
                    parts.append(v)
                }
                written = "[" + parts.joined(separator: ", ") + "]"
            case .mapping:
                throw SpecIssue(mark: pair.value.mark, message: "key '\(key).\(pair.key)': expected a single value or a list of values, got \(pair.value.shapeDescription)")
            }
            terms.append(Term(parameter: pair.key, value: written, mark: pair.value.mark, keyMark: pair.keyMark))
        }
        return Selection(terms: terms)
    }
}
