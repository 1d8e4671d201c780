/// Turns an experiment's YAML body into the plain nested mapping the validator reads: top-level
/// dotted keys are nested (`corruption.labels: 0` → `corruption: {labels: 0}`), and `extends: id`
/// is replaced by the body of experiment `id` overlaid with this one's keys.
///
/// Overlaying follows the schema: a parameter that is a record (`data`, `corruption`, …) is merged
/// key by key, so `data: {train: 500}` changes only `data.train`; every other value (a variant such
/// as `optimizer` switched to another case, a list, `seeds`, `sweep`, `conditions`, `quick`) is
/// replaced whole; a variant kept on the same case (`optimizer.sgd.momentum: 0.5`) merges that
/// case's fields. `id` and
/// `title` are never inherited. Values taken from the base are marked at the `extends:` line, so
/// an error in them points there.
enum ExperimentBody {
    /// Keys of an experiment that are not parameters and are never nested.
    static let reserved: Set<String> = ["id", "kind", "title", "seeds", "sweep", "conditions", "quick", "extends"]

    /// The body with dotted keys nested and `extends:` resolved against `bases` (raw experiment
    /// bodies by id, from every chapter).
    static func resolve(_ node: YAMLNode, bases: [String: YAMLNode], kinds: [any ExperimentKind]) throws(SpecIssue) -> YAMLNode {
        try resolve(node, bases: bases, kinds: kinds, chain: [])
    }

    private static func resolve(_ node: YAMLNode, bases: [String: YAMLNode], kinds: [any ExperimentKind],
                                chain: [String]) throws(SpecIssue) -> YAMLNode {
        let own = try nestingDottedKeys(node)
        guard let extends = own["extends"] else { return own }
        guard case .scalar(let baseID, _) = extends.value.kind, !baseID.isEmpty else {
            throw SpecIssue(mark: extends.value.mark, message: "key 'extends': expected the id of another experiment")
        }
        guard let raw = bases[baseID] else {
            var message = "key 'extends': no experiment with id '\(baseID)' in the book"
            if let s = NearestName.suggest(baseID, among: Array(bases.keys)) { message += " (did you mean '\(s)'?)" }
            throw SpecIssue(mark: extends.value.mark, message: message)
        }
        let ownID: String? = own["id"].flatMap { if case .scalar(let s, _) = $0.value.kind { return s } else { return nil } }
        if chain.contains(baseID) || baseID == ownID {
            throw SpecIssue(mark: extends.value.mark, message: "key 'extends': experiments extend each other in a cycle (\((chain + [baseID]).joined(separator: " → ")))")
        }
        let base = try resolve(raw, bases: bases, kinds: kinds, chain: chain + [ownID ?? "?", baseID].filter { !chain.contains($0) })
        let inherited = remarked(base, at: extends.value.mark)
        guard case .mapping(let basePairs) = inherited.kind, case .mapping(let ownPairs) = own.kind else { return own }
        let kindName = [own["kind"], inherited["kind"]].compactMap { pair -> String? in
            if case .scalar(let s, _)? = pair?.value.kind { return s } else { return nil }
        }.first
        let fields = (kinds.first { $0.name == kindName } ?? kinds.first)?.parameters ?? []
        var merged = basePairs.filter { !["id", "title", "extends"].contains($0.key) }
        overlay(&merged, with: ownPairs.filter { $0.key != "extends" }, fields: fields)
        return YAMLNode(kind: .mapping(merged), mark: own.mark)
    }

    /// `pairs` with every key of `changes` set: records merged key by key, anything else replaced.
    private static func overlay(_ pairs: inout [YAMLPair], with changes: [YAMLPair], fields: [SpecField]) {
        for pair in changes {
            guard let i = pairs.firstIndex(where: { $0.key == pair.key }) else { pairs.append(pair); continue }
            guard case .mapping(var inner) = pairs[i].value.kind, case .mapping(let over) = pair.value.kind else {
                pairs[i] = pair
                continue
            }
            switch fields.first(where: { $0.name == pair.key })?.type {
            case .record(let sub)?:
                overlay(&inner, with: over, fields: sub)
            case .variant(let cases)?:
                // The same case on both sides (`optimizer: {sgd: {…}}`): its fields are merged;
                // another case, or a shorthand value, replaces the whole choice.
                guard inner.count == 1, over.count == 1, inner[0].key == over[0].key,
                      case .mapping(var caseFields) = inner[0].value.kind, case .mapping(let caseOver) = over[0].value.kind,
                      let variant = cases.first(where: { $0.name == over[0].key }) else {
                    pairs[i] = pair
                    continue
                }
                overlay(&caseFields, with: caseOver, fields: variant.fields)
                inner = [YAMLPair(key: over[0].key, keyMark: over[0].keyMark, value: YAMLNode(kind: .mapping(caseFields), mark: over[0].value.mark))]
            default:
                pairs[i] = pair
                continue
            }
            pairs[i] = YAMLPair(key: pair.key, keyMark: pair.keyMark, value: YAMLNode(kind: .mapping(inner), mark: pair.value.mark))
        }
    }

    /// Nests top-level keys containing dots; a leaf set both ways is an error.
    static func nestingDottedKeys(_ node: YAMLNode) throws(SpecIssue) -> YAMLNode {
        guard case .mapping(let pairs) = node.kind, pairs.contains(where: { $0.key.contains(".") && !reserved.contains($0.key) }) else {
            return node
        }
        var out: [YAMLPair] = []
        for pair in pairs {
            let parts = pair.key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard parts.count > 1 else {
                if let i = out.firstIndex(where: { $0.key == pair.key }) {
                    // A dotted key came first: merge this mapping into what it built.
                    out[i] = try merged(out[i], pair, dotted: pair.key, top: pair.key)
                } else {
                    out.append(pair)
                }
                continue
            }
            guard !parts.contains("") else {
                throw SpecIssue(mark: pair.keyMark, message: "key '\(pair.key)': a dotted key needs a name between every two dots (like 'corruption.labels')")
            }
            var value = pair.value
            for name in parts.dropFirst().reversed() {
                value = YAMLNode(kind: .mapping([YAMLPair(key: name, keyMark: pair.keyMark, value: value)]), mark: pair.keyMark)
            }
            let nested = YAMLPair(key: parts[0], keyMark: pair.keyMark, value: value)
            if let i = out.firstIndex(where: { $0.key == parts[0] }) {
                out[i] = try merged(out[i], nested, dotted: pair.key, top: parts[0])
            } else {
                out.append(nested)
            }
        }
        return YAMLNode(kind: .mapping(out), mark: node.mark)
    }

    /// Two entries for the same key merged (both must be mappings, with no leaf in common).
    private static func merged(_ a: YAMLPair, _ b: YAMLPair, dotted: String, top: String) throws(SpecIssue) -> YAMLPair {
        guard case .mapping(var left) = a.value.kind, case .mapping(let right) = b.value.kind else {
            throw SpecIssue(mark: b.keyMark, message: "key '\(dotted)' sets a value already set under '\(top)'; write it once")
        }
        for pair in right {
            if let i = left.firstIndex(where: { $0.key == pair.key }) {
                left[i] = try merged(left[i], pair, dotted: dotted, top: top)
            } else {
                left.append(pair)
            }
        }
        return YAMLPair(key: a.key, keyMark: a.keyMark, value: YAMLNode(kind: .mapping(left), mark: a.value.mark))
    }

    /// `node` with every mark moved to `mark`.
    private static func remarked(_ node: YAMLNode, at mark: YAMLMark) -> YAMLNode {
        switch node.kind {
        case .scalar: return YAMLNode(kind: node.kind, mark: mark)
        case .sequence(let items): return YAMLNode(kind: .sequence(items.map { remarked($0, at: mark) }), mark: mark)
        case .mapping(let pairs):
            return YAMLNode(kind: .mapping(pairs.map { YAMLPair(key: $0.key, keyMark: mark, value: remarked($0.value, at: mark)) }), mark: mark)
        }
    }
}
