/// Estimated training seconds of runs: a cached run's own wall time; else the seconds per unit of
/// work (``SpecWorkload/units``) of the experiment's cached runs; else of cached runs of the same
/// kind; else a per-kind factor measured on the project's 2-core machine.
public struct CostModel: Sendable {
    /// Where an estimate came from, from most to least trustworthy.
    public enum Source: String, Sendable, Codable {
        /// The run is cached: its recorded `wallSeconds`.
        case measured
        /// Scaled from cached runs of the same experiment (seconds per unit of work).
        case experiment
        /// Scaled from cached runs of other experiments of the same kind.
        case kind
        /// The spec's workload times the kind's default factor.
        case model
    }

    /// One cached result as the model sees it.
    struct Observation: Sendable {
        var experiment: String
        var kind: String
        var units: Double
        var wallSeconds: Double
    }

    /// Seconds per unit of work, by kind: total wall time over total units of the committed
    /// report's 195 runs (December 2026, the project's 2-core machine, one BLAS thread per run).
    /// Small networks and probe-heavy kinds do far more per multiply-add than a large MLP's GEMMs,
    /// hence the spread. `defaultFactor` (the `train` kind's) for kinds not listed.
    static let kindFactors: [String: Double] = [
        "batch-interpolation": 4.36e-09, "coherence": 3.20e-09, "expressivity": 4.41e-11,
        "first-epoch": 1.01e-10, "hessian-spectrum": 8.53e-08, "information-plane": 2.67e-11,
        "kernel-fit": 4.58e-10, "label-information": 1.25e-10, "measures": 4.24e-10,
        "memorization": 9.39e-11, "min-norm": 1.03e-12, "pruning": 9.57e-11,
        "regularization": 4.44e-11, "sgld-ensemble": 7.25e-09, "sharpness": 3.84e-09,
        "train": 1.86e-11,
    ]
    static let defaultFactor = 1.86e-11

    private var perExperiment: [String: (units: Double, seconds: Double)] = [:]
    private var perKind: [String: (units: Double, seconds: Double)] = [:]

    /// A model calibrated by `history` (cached results of this and earlier builds).
    init(history: [Observation]) {
        for o in history where o.units > 0 && o.wallSeconds > 0 {
            perExperiment[o.experiment, default: (0, 0)].units += o.units
            perExperiment[o.experiment, default: (0, 0)].seconds += o.wallSeconds
            perKind[o.kind, default: (0, 0)].units += o.units
            perKind[o.kind, default: (0, 0)].seconds += o.wallSeconds
        }
    }

    /// The estimated seconds of a run of `experiment` (kind `kind`) with `workload`, not cached.
    func estimate(experiment: String, kind: String, workload: SpecWorkload) -> (seconds: Double, source: Source) {
        let units = workload.units
        if let h = perExperiment[experiment] { return (units * h.seconds / h.units, .experiment) }
        if let h = perKind[kind] { return (units * h.seconds / h.units, .kind) }
        return (units * (CostModel.kindFactors[kind] ?? CostModel.defaultFactor), .model)
    }
}
