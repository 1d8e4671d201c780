/// Readers for the few directive fields that are not plain schema values.
enum DirectiveFields {
    static func text(_ node: YAMLNode, _ key: String) throws(SpecIssue) -> Marked<String>? {
        guard let pair = node[key] else { return nil }
        guard case .scalar(let s, _) = pair.value.kind else {
            throw SpecIssue(mark: pair.value.mark, message: "key '\(key)': expected text, got \(pair.value.shapeDescription)")
        }
        return Marked(value: s, mark: pair.value.mark)
    }

    static func textList(_ node: YAMLNode, _ key: String) throws(SpecIssue) -> [Marked<String>]? {
        guard let pair = node[key] else { return nil }
        switch pair.value.kind {
        case .scalar(let s, _): return [Marked(value: s, mark: pair.value.mark)]
        case .sequence(let items):
            var result: [Marked<String>] = []
            for item in items {
                guard case .scalar(let s, _) = item.kind else {
                    throw SpecIssue(mark: item.mark, message: "key '\(key)': expected a list of names, got \(item.shapeDescription)")
                }
                result.append(Marked(value: s, mark: item.mark))
            }
            return result
        case .mapping:
            throw SpecIssue(mark: pair.value.mark, message: "key '\(key)': expected a name or a list of names, got a mapping")
        }
    }

    /// Rejects keys outside `allowed`, with a suggestion.
    static func checkKeys(_ node: YAMLNode, allowed: [String], directive: String) throws(SpecIssue) {
        guard case .mapping(let pairs) = node.kind else {
            throw SpecIssue(mark: node.mark, message: "a \(directive) must be a YAML mapping, got \(node.shapeDescription)")
        }
        for pair in pairs where !allowed.contains(pair.key) {
            throw SpecIssue(mark: pair.keyMark, message: "unknown key '\(pair.key)' in \(directive) \(NearestName.hint(pair.key, among: allowed))")
        }
    }

    static func label(_ node: YAMLNode) throws(SpecIssue) -> Marked<String>? {
        guard let l = try text(node, "label") else { return nil }
        guard !l.value.isEmpty, l.value.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw SpecIssue(mark: l.mark, message: "key 'label': '\(l.value)' must be letters, digits, '-' or '_'")
        }
        return l
    }

    static func required(_ node: YAMLNode, _ key: String, directive: String) throws(SpecIssue) -> Marked<String> {
        guard let t = try text(node, key) else {
            throw SpecIssue(mark: node.mark, message: "missing required key '\(key)' in \(directive)")
        }
        return t
    }

    static func bool(_ node: YAMLNode, _ key: String, default d: Bool) throws(SpecIssue) -> Bool {
        guard let pair = node[key] else { return d }
        var v = SpecValidator()
        return try v.value(pair.value, type: .boolean, path: key).boolValue!
    }

    static func choice(_ node: YAMLNode, _ key: String, _ names: [String], default d: String) throws(SpecIssue) -> String {
        guard let pair = node[key] else { return d }
        var v = SpecValidator()
        return try v.value(pair.value, type: .choice(names), path: key).textValue!
    }

    static func integer(_ node: YAMLNode, _ key: String, _ range: ClosedRange<Int>, default d: Int) throws(SpecIssue) -> Int {
        guard let pair = node[key] else { return d }
        var v = SpecValidator()
        return try v.value(pair.value, type: .integer(range), path: key).intValue!
    }
}
