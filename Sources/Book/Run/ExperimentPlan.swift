/// Expands an experiment directive into its runs for a profile.
enum ExperimentPlan {
    /// The runs of `experiment` (conditions × sweep grid × seeds), quick overrides applied when `quick`,
    /// the `paper:` block's overrides and seeds when `paper`.
    static func runs(of experiment: ExperimentDirective, quick: Bool, paper: Bool = false, coreVersion: String,
                     context: RunContext) throws -> [PlannedRun] {
        var grid: [[(String, SpecValue)]] = [[]]
        for axis in experiment.axes {
            grid = grid.flatMap { prefix in axis.values.map { prefix + [(axis.path, $0)] } }
        }
        let conditions: [ExperimentDirective.Condition?] = experiment.conditions.isEmpty ? [nil] : experiment.conditions
        let seeds = quick ? Array(experiment.seeds.prefix(1)) : paper ? experiment.paperSeeds ?? experiment.seeds : experiment.seeds
        var runs: [PlannedRun] = []
        var digests: [SpecValue: String] = [:]
        for condition in conditions {
            for point in grid {
                var spec = experiment.base
                var parameters: [(name: String, value: SpecValue)] = []
                if let condition {
                    for o in condition.overrides { spec = spec.setting(o.path.dotComponents, to: o.value) }
                    parameters.append(("condition", .text(condition.name)))
                }
                for (path, value) in point {
                    spec = spec.setting(path.dotComponents, to: value)
                    parameters.append((path, value))
                }
                if quick {
                    for (path, value) in experiment.kind.quickOverrides(spec).sorted(by: { $0.key < $1.key }) {
                        spec = spec.setting(path.dotComponents, to: value)
                    }
                    for o in experiment.quick { spec = spec.setting(o.path.dotComponents, to: o.value) }
                }
                if paper { for o in experiment.paper { spec = spec.setting(o.path.dotComponents, to: o.value) } }
                spec = experiment.kind.canonical(spec)
                let digest: String
                if let d = digests[spec] { digest = d } else {
                    digest = try experiment.kind.dataDigest(spec, context: context)
                    digests[spec] = digest
                }
                for seed in seeds {
                    runs.append(PlannedRun(experiment: experiment.id, kind: experiment.kind,
                                           parameters: parameters + [("seed", .integer(Int(seed)))],
                                           spec: spec, seed: seed, dataDigest: digest, coreVersion: coreVersion))
                }
            }
        }
        return runs
    }
}

extension ExperimentPlan {
    /// `spec` without its machine-local parameters (data folders, see ``SpecField/isMachineLocal``),
    /// through records and variant cases: the form that enters the cache key.
    static func keyed(_ spec: SpecValue, fields: [SpecField]) -> SpecValue {
        guard case .record(var record) = spec else { return spec }
        for field in fields {
            guard let value = record[field.name] else { continue }
            if field.isMachineLocal { record[field.name] = nil; continue }
            switch field.type {
            case .record(let inner): record[field.name] = keyed(value, fields: inner)
            case .variant(let cases):
                if let (name, _) = value.variantCase, let c = cases.first(where: { $0.name == name }) {
                    record[field.name] = keyed(value, fields: [SpecField(name, .record(c.fields))])
                }
            default: break
            }
        }
        return .record(record)
    }
}

extension String {
    var dotComponents: [String] { split(separator: ".").map(String.init) }
}
