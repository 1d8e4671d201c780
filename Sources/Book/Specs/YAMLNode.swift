import Yams

/// A 1-based line and column inside a YAML body.
struct YAMLMark: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// A YAML node as an immutable value that remembers where it was written.
struct YAMLNode: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A scalar; `plain` is false for quoted scalars (which are always strings).
        case scalar(String, plain: Bool)
        case sequence([YAMLNode])
        case mapping([YAMLPair])
    }

    var kind: Kind
    var mark: YAMLMark

    /// Parses a directive body; duplicate keys and malformed YAML are ``SpecIssue``s.
    static func parse(_ yaml: String) throws(SpecIssue) -> YAMLNode {
        if let issue = YAMLDepthGuard.issue(yaml) { throw issue }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw YAMLNode.issue(from: error)
        } catch {
            throw SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "YAML: \(error)")
        }
        guard let node else { return YAMLNode(kind: .mapping([]), mark: YAMLMark(line: 1, column: 1)) }
        var collections: Set<YAMLMark> = []
        return try convert(node, collections: &collections)
    }

    /// `collections` holds the position of every list and mapping converted so far: Yams resolves an
    /// alias (`*name`) to the anchored node itself, so a position seen twice is an alias, refused
    /// because aliases of aliases expand exponentially ("billion laughs").
    private static func convert(_ node: Node, collections: inout Set<YAMLMark>) throws(SpecIssue) -> YAMLNode {
        let mark = node.mark.map { YAMLMark(line: $0.line, column: $0.column) } ?? YAMLMark(line: 1, column: 1)
        if case .scalar = node {} else if !collections.insert(mark).inserted {
            throw SpecIssue(mark: mark, message: "this list or mapping is reused through a YAML alias (*name); aliases of lists and mappings are not supported in directives, write the value out")
        }
        switch node {
        case .scalar(let scalar):
            return YAMLNode(kind: .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any), mark: mark)
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for item in sequence { items.append(try convert(item, collections: &collections)) }
            return YAMLNode(kind: .sequence(items), mark: mark)
        case .mapping(let mapping):
            var pairs: [YAMLPair] = []
            var seen: [String: YAMLMark] = [:]
            for (key, value) in mapping {
                let k = try convert(key, collections: &collections)
                guard case .scalar(let name, _) = k.kind else {
                    throw SpecIssue(mark: k.mark, message: "a key must be a plain name, not a list or mapping")
                }
                if let first = seen[name] {
                    // Lines inside the YAML body are not the chapter's lines, so say where relative to here.
                    let gap = k.mark.line - first.line
                    let place = gap == 0 ? "earlier on this line" : gap == 1 ? "on the line above" : "\(gap) lines above"
                    throw SpecIssue(mark: k.mark, message: "duplicate key '\(name)' (first given \(place))")
                }
                seen[name] = k.mark
                pairs.append(YAMLPair(key: name, keyMark: k.mark, value: try convert(value, collections: &collections)))
            }
            return YAMLNode(kind: .mapping(pairs), mark: mark)
        }
    }

    private static func issue(from error: YamlError) -> SpecIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let prefix = context.map { "\($0.text) " } ?? ""
            return SpecIssue(mark: YAMLMark(line: mark.line, column: mark.column),
                             message: "malformed YAML: \(prefix)\(problem)")
        default:
            return SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "malformed YAML: \(error)")
        }
    }

    /// A short human description of the node's shape, for error messages.
    var shapeDescription: String {
        switch kind {
        case .scalar(let s, _): return "'\(s)'"
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        }
    }

    /// The value under `key` when this node is a mapping.
    subscript(key: String) -> YAMLPair? {
        guard case .mapping(let pairs) = kind else { return nil }
        return pairs.first { $0.key == key }
    }
}

/// One `key: value` entry of a YAML mapping.
struct YAMLPair: Sendable, Equatable {
    var key: String
    var keyMark: YAMLMark
    var value: YAMLNode
}
