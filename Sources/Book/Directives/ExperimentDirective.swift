/// A validated `experiment` directive: the base spec (defaults filled), seeds, sweep axes,
/// named conditions, and the quick-profile overrides.
struct ExperimentDirective: Sendable {
    /// One axis of the sweep grid: a dotted parameter path and its values.
    struct Axis: Sendable { var path: String; var values: [SpecValue] }
    /// A named set of overrides (`conditions:`), crossed with the sweep grid.
    struct Condition: Sendable { var name: String; var overrides: [(path: String, value: SpecValue)] }

    static let genericKeys = ["id", "kind", "title", "seeds", "sweep", "conditions", "quick", "extends"]
    /// Sweeps larger than this (conditions × grid × seeds) are refused.
    static let maximumRuns = 500

    var id: String
    var title: String
    var kind: any ExperimentKind
    var base: SpecValue
    var seeds: [UInt64]
    var axes: [Axis]
    var conditions: [Condition]
    var quick: [(path: String, value: SpecValue)]
    var location: DirectiveLocation

    /// The names that figures, tables and claims may use to group and select runs.
    var parameterNames: [String] {
        (conditions.isEmpty ? [] : ["condition"]) + axes.map(\.path) + ["seed"]
    }

    /// The number of runs in the full profile.
    /// Saturates at `Int.max`: twenty swept axes of ten values would overflow (and trap) otherwise.
    var runCount: Int {
        ([max(1, conditions.count), seeds.count] + axes.map(\.values.count)).reduce(1) { total, factor in
            let (product, overflow) = total.multipliedReportingOverflow(by: factor)
            return overflow ? Int.max : product
        }
    }

    /// Parses and validates the body of an `experiment` fence.
    /// `bases`: every experiment body of the book by id, for `extends:`.
    static func parse(_ written: YAMLNode, kinds: [any ExperimentKind], location: DirectiveLocation,
                      bases: [String: YAMLNode] = [:]) throws(SpecIssue) -> ExperimentDirective {
        guard case .mapping = written.kind else {
            throw SpecIssue(mark: written.mark, message: "an experiment must be a YAML mapping, got \(written.shapeDescription)")
        }
        let node = try ExperimentBody.resolve(written, bases: bases, kinds: kinds)
        var generic = SpecValidator()
        let kindNames = kinds.map(\.name)
        let genericFields = [
            SpecField("id", .text),
            SpecField("kind", .choice(kindNames), default: .text(kindNames.first ?? "train")),
            SpecField("title", .text, default: .text("")),
            SpecField("seeds", .list(.integer(0...Int(Int32.max)), count: 1...100), default: .list([.integer(1)])),
        ]
        guard case .mapping(let pairs) = node.kind else {
            throw SpecIssue(mark: node.mark, message: "an experiment must be a YAML mapping, got \(node.shapeDescription)")
        }
        let genericNode = YAMLNode(kind: .mapping(pairs.filter { genericFields.map(\.name).contains($0.key) }), mark: node.mark)
        let g = try generic.record(genericNode, fields: genericFields, path: "")
        let id = g[path: "id"]!.textValue!
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw SpecIssue(mark: node["id"]!.value.mark, message: "key 'id': '\(id)' must be letters, digits, '-' or '_'")
        }
        let kindName = g[path: "kind"]!.textValue!
        let kind = kinds.first { $0.name == kindName }!
        let seeds = g[path: "seeds"]!.listValue!.map { UInt64($0.intValue!) }
        if Set(seeds).count != seeds.count {
            throw SpecIssue(mark: node["seeds"]!.value.mark, message: "key 'seeds': seeds must be distinct")
        }

        var validator = SpecValidator()
        let base = try validator.record(node, fields: kind.parameters, path: "", extraKeys: genericKeys)
        do { try kind.check(base) } catch {
            throw SpecIssue(mark: validator.marks[error.path] ?? node.mark, message: "key '\(error.path)': \(error.message)")
        }

        var axes: [Axis] = []
        if let sweep = node["sweep"] {
            guard case .mapping(let entries) = sweep.value.kind else {
                throw SpecIssue(mark: sweep.value.mark, message: "key 'sweep': expected a mapping of parameter path → list of values, got \(sweep.value.shapeDescription)")
            }
            for entry in entries {
                let type = try parameterType(entry.key, mark: entry.keyMark, kind: kind, context: "sweep")
                guard case .sequence(let items) = entry.value.kind, !items.isEmpty else {
                    throw SpecIssue(mark: entry.value.mark, message: "key 'sweep.\(entry.key)': expected a non-empty list of values")
                }
                var values: [SpecValue] = []
                var v = SpecValidator()
                for item in items { values.append(try v.value(item, type: type, path: "sweep.\(entry.key)")) }
                if Set(values).count != values.count {
                    throw SpecIssue(mark: entry.value.mark, message: "key 'sweep.\(entry.key)': values must be distinct")
                }
                axes.append(Axis(path: entry.key, values: values))
            }
        }

        var conditions: [Condition] = []
        if let list = node["conditions"] {
            guard case .sequence(let items) = list.value.kind, !items.isEmpty else {
                throw SpecIssue(mark: list.value.mark, message: "key 'conditions': expected a list of mappings, each with a 'name' and parameter overrides")
            }
            for item in items {
                guard case .mapping(let entries) = item.kind, let nameEntry = item["name"],
                      case .scalar(let name, _) = nameEntry.value.kind, !name.isEmpty else {
                    throw SpecIssue(mark: item.mark, message: "key 'conditions': each condition needs a 'name' and parameter overrides")
                }
                if conditions.contains(where: { $0.name == name }) {
                    throw SpecIssue(mark: nameEntry.value.mark, message: "key 'conditions': duplicate condition name '\(name)'")
                }
                var overrides: [(String, SpecValue)] = []
                for entry in entries where entry.key != "name" {
                    if axes.contains(where: { $0.path == entry.key }) {
                        throw SpecIssue(mark: entry.keyMark, message: "key '\(entry.key)' is both swept and set by a condition")
                    }
                    let type = try parameterType(entry.key, mark: entry.keyMark, kind: kind, context: "conditions")
                    var v = SpecValidator()
                    overrides.append((entry.key, try v.value(entry.value, type: type, path: entry.key)))
                }
                conditions.append(Condition(name: name, overrides: overrides))
            }
        }

        var quick: [(String, SpecValue)] = []
        if let q = node["quick"] {
            guard case .mapping(let entries) = q.value.kind else {
                throw SpecIssue(mark: q.value.mark, message: "key 'quick': expected a mapping of parameter path → value")
            }
            for entry in entries {
                let type = try parameterType(entry.key, mark: entry.keyMark, kind: kind, context: "quick")
                var v = SpecValidator()
                quick.append((entry.key, try v.value(entry.value, type: type, path: "quick.\(entry.key)")))
            }
        }

        let directive = ExperimentDirective(id: id, title: g[path: "title"]!.textValue!, kind: kind, base: base,
                                            seeds: seeds, axes: axes, conditions: conditions, quick: quick, location: location)
        if directive.runCount > maximumRuns {
            throw SpecIssue(mark: node["sweep"]?.value.mark ?? node.mark,
                            message: "the sweep expands to \(directive.runCount == Int.max ? "more than \(Int.max)" : "\(directive.runCount)") runs (conditions × grid × seeds); at most \(maximumRuns) are allowed")
        }
        return directive
    }

    private static func parameterType(_ path: String, mark: YAMLMark, kind: any ExperimentKind, context: String) throws(SpecIssue) -> SpecType {
        guard let type = SpecValidator.type(at: path.split(separator: ".").map(String.init), in: kind.parameters) else {
            let all = SpecValidator.allPaths(kind.parameters)
            var message = "key '\(context).\(path)': unknown parameter path"
            if let s = NearestName.suggest(path, among: all) { message += " (did you mean '\(s)'?)" }
            else { message += " (top-level parameters: \(kind.parameters.map(\.name).joined(separator: ", ")))" }
            throw SpecIssue(mark: mark, message: message)
        }
        return type
    }
}
