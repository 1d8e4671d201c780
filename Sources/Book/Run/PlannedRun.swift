/// One run of an experiment: the concrete spec (sweep values, condition and profile applied), its
/// seed, and its cache key.
struct PlannedRun: Sendable {
    var experiment: String
    var kind: any ExperimentKind
    /// Condition, sweep values and seed, in the experiment's parameter order.
    var parameters: [(name: String, value: SpecValue)]
    var spec: SpecValue
    var seed: UInt64
    var dataDigest: String
    var coreVersion: String

    /// The canonical spec without machine-local folders, the text that is hashed.
    var canonicalSpec: String { ExperimentPlan.keyed(spec, fields: kind.parameters).canonicalJSON }

    /// SHA-256 over everything a result depends on: kind and versions, data, seed, canonical spec.
    var key: String {
        SHA256.hex("memgen-run v1\nkind \(kind.name) \(kind.version)\ncore \(coreVersion)\ndata \(dataDigest)\nseed \(seed)\nspec \(canonicalSpec)\n")
    }

    /// `random-labels[condition=random labels, seed=1]`
    var displayName: String {
        let params = parameters.map { "\($0.name)=\($0.value)" }.joined(separator: ", ")
        return params.isEmpty ? experiment : "\(experiment)[\(params)]"
    }

    /// The value of parameter `name` (full path or unique suffix), if this run has it.
    func parameter(_ name: String) -> SpecValue? {
        parameters.first { $0.name == name }?.value
    }
}
