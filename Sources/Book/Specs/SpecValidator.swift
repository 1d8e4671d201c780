import Foundation

/// Checks a YAML node against a ``SpecType``, fills defaults, and remembers where each value was written.
struct SpecValidator {
    /// Where each dotted path's value was written (for errors found after validation).
    private(set) var marks: [String: YAMLMark] = [:]

    /// Validates `node` as a record of `fields`, reporting unknown keys against `fields` plus `extraKeys`.
    mutating func record(_ node: YAMLNode, fields: [SpecField], path: String,
                         extraKeys: [String] = []) throws(SpecIssue) -> SpecValue {
        guard case .mapping(let pairs) = node.kind else {
            throw SpecIssue(mark: node.mark, message: "\(label(path))expected a mapping with keys \(fields.map(\.name).joined(separator: ", ")), got \(node.shapeDescription)")
        }
        let names = fields.map(\.name)
        var result: [String: SpecValue] = [:]
        for pair in pairs where !extraKeys.contains(pair.key) {
            guard let field = fields.first(where: { $0.name == pair.key }) else {
                let location = path.isEmpty ? "" : " in '\(path)'"
                throw SpecIssue(mark: pair.keyMark,
                                message: "unknown key '\(pair.key)'\(location) \(NearestName.hint(pair.key, among: names + extraKeys))")
            }
            let childPath = join(path, field.name)
            marks[childPath] = pair.value.mark
            result[field.name] = try value(pair.value, type: field.type, path: childPath)
        }
        for field in fields where result[field.name] == nil && !field.isOptional {
            if let d = try SpecValidator.defaultValue(of: field) {
                result[field.name] = d
            } else {
                throw SpecIssue(mark: node.mark, message: "missing required key '\(join(path, field.name))' (\(field.type.expectation))")
            }
        }
        return .record(result)
    }

    /// The default of a field; a record whose fields all have defaults defaults to those.
    static func defaultValue(of field: SpecField) throws(SpecIssue) -> SpecValue? {
        if let d = field.defaultValue { return d }
        if case .record(let fields) = field.type {
            var result: [String: SpecValue] = [:]
            for f in fields {
                guard let d = try defaultValue(of: f) else {
                    if f.isOptional { continue }
                    return nil
                }
                result[f.name] = d
            }
            return .record(result)
        }
        return nil
    }

    /// Validates one value against `type`.
    mutating func value(_ node: YAMLNode, type: SpecType, path: String) throws(SpecIssue) -> SpecValue {
        marks[path] = node.mark
        switch type {
        case .integer(let range):
            guard case .scalar(let s, true) = node.kind, let i = Int(s.replacingUnderscores) else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected \(type.expectation), got \(node.shapeDescription)")
            }
            guard range.contains(i) else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))\(i) is out of range (valid: \(range.lowerBound)...\(range.upperBound))")
            }
            return .integer(i)
        case .number(let range):
            guard case .scalar(let s, true) = node.kind, let d = Double(s.replacingUnderscores), d.isFinite else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected \(type.expectation), got \(node.shapeDescription)")
            }
            guard range.contains(d) else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))\(d.shortDescription) is out of range (valid: \(range.lowerBound.shortDescription)...\(range.upperBound.shortDescription))")
            }
            return .number(d)
        case .text:
            guard case .scalar(let s, _) = node.kind else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected text, got \(node.shapeDescription)")
            }
            return .text(s)
        case .choice(let names):
            guard case .scalar(let s, _) = node.kind else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected \(type.expectation), got \(node.shapeDescription)")
            }
            guard names.contains(s) else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))unknown value '\(s)' \(NearestName.hint(s, among: names))")
            }
            return .text(s)
        case .boolean:
            guard case .scalar(let s, true) = node.kind, ["true", "false", "yes", "no"].contains(s.lowercased()) else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected true or false, got \(node.shapeDescription)")
            }
            return .boolean(["true", "yes"].contains(s.lowercased()))
        case .list(let itemType, let count):
            let items: [YAMLNode]
            if case .sequence(let seq) = node.kind { items = seq } else { items = [node] }
            guard count.contains(items.count) else {
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected \(type.expectation), got \(items.count) items")
            }
            var values: [SpecValue] = []
            for (i, item) in items.enumerated() { values.append(try value(item, type: itemType, path: "\(path)[\(i)]")) }
            return .list(values)
        case .record(let fields):
            return try record(node, fields: fields, path: path)
        case .variant(let cases):
            let names = cases.map(\.name)
            switch node.kind {
            case .scalar(let s, _):
                guard let c = cases.first(where: { $0.name == s }) else {
                    throw SpecIssue(mark: node.mark, message: "\(label(path))unknown value '\(s)' \(NearestName.hint(s, among: names))")
                }
                let empty = YAMLNode(kind: .mapping([]), mark: node.mark)
                return .record([c.name: try record(empty, fields: c.fields, path: join(path, c.name))])
            case .mapping(let pairs):
                guard pairs.count == 1, let pair = pairs.first else {
                    throw SpecIssue(mark: node.mark, message: "\(label(path))expected exactly one of \(names.joined(separator: ", ")), got \(pairs.count) keys")
                }
                guard let c = cases.first(where: { $0.name == pair.key }) else {
                    throw SpecIssue(mark: pair.keyMark, message: "\(label(path))unknown value '\(pair.key)' \(NearestName.hint(pair.key, among: names))")
                }
                let casePath = join(path, c.name)
                marks[casePath] = pair.value.mark
                if case .mapping = pair.value.kind {
                    return .record([c.name: try record(pair.value, fields: c.fields, path: casePath)])
                }
                if case .scalar(let s, _) = pair.value.kind, s.isEmpty || s == "~" || s == "null" {
                    let empty = YAMLNode(kind: .mapping([]), mark: pair.value.mark)
                    return .record([c.name: try record(empty, fields: c.fields, path: casePath)])
                }
                guard let short = c.shorthand else {
                    throw SpecIssue(mark: pair.value.mark, message: "key '\(casePath)': expected a mapping with keys \(c.fields.map(\.name).joined(separator: ", ")), got \(pair.value.shapeDescription)")
                }
                let wrapped = YAMLNode(kind: .mapping([YAMLPair(key: short, keyMark: pair.value.mark, value: pair.value)]),
                                       mark: pair.value.mark)
                return .record([c.name: try record(wrapped, fields: c.fields, path: casePath)])
            case .sequence:
                throw SpecIssue(mark: node.mark, message: "\(label(path))expected \(type.expectation), got a list")
            }
        }
    }

    /// The type at a dotted path (through records and variant cases), for sweeps and overrides.
    static func type(at path: [String], in fields: [SpecField]) -> SpecType? {
        guard let head = path.first, let field = fields.first(where: { $0.name == head }) else { return nil }
        return type(at: Array(path.dropFirst()), in: field.type)
    }

    private static func type(at path: [String], in type: SpecType) -> SpecType? {
        guard let head = path.first else { return type }
        switch type {
        case .record(let fields): return self.type(at: path, in: fields)
        case .variant(let cases):
            guard let c = cases.first(where: { $0.name == head }) else { return nil }
            return self.type(at: Array(path.dropFirst()), in: .record(c.fields))
        default: return nil
        }
    }

    /// Every dotted path that names a value (for suggestions).
    static func allPaths(_ fields: [SpecField], prefix: String = "") -> [String] {
        var result: [String] = []
        for f in fields {
            let p = prefix.isEmpty ? f.name : "\(prefix).\(f.name)"
            result.append(p)
            switch f.type {
            case .record(let inner): result += allPaths(inner, prefix: p)
            case .variant(let cases):
                for c in cases { result.append("\(p).\(c.name)"); result += allPaths(c.fields, prefix: "\(p).\(c.name)") }
            default: break
            }
        }
        return result
    }

    private func label(_ path: String) -> String { path.isEmpty ? "" : "key '\(path)': " }
    private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a).\(b)" }
}

extension String {
    fileprivate var replacingUnderscores: String { replacingOccurrences(of: "_", with: "") }
}
