import TrainingCore

/// The shared `schedule:` section: the learning rate over epochs (`constant`, `exponential`,
/// `step`, `cosine`).
enum ScheduleSection: SpecVariantValue, Equatable {
    case constant(Constant), exponential(Exponential), step(Step), cosine(Cosine)

    /// The same rate every epoch.
    struct Constant: SpecRecord, Equatable {
        static let fields: [SpecParameter<Self>] = []
    }

    /// The rate times `factor^epoch`.
    struct Exponential: SpecRecord, Equatable {
        var factor = 0.95
        static let fields: [SpecParameter<Self>] = [SpecParameter("factor", \.factor, 0.01...1)]
    }

    /// The rate times `factor` every `every` epochs.
    struct Step: SpecRecord, Equatable {
        var every = 10
        var factor = 0.1
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("every", \.every, 1...100000),
            SpecParameter("factor", \.factor, 0.0001...1),
        ]
    }

    /// Cosine decay over the run down to `minimum` times the rate.
    struct Cosine: SpecRecord, Equatable {
        var minimum = 0.0
        static let fields: [SpecParameter<Self>] = [SpecParameter("minimum", \.minimum, 0...1)]
    }

    static let cases: [SpecCase<Self>] = [
        SpecCase("constant", Constant.self, ScheduleSection.constant) { if case .constant(let s) = $0 { s } else { nil } },
        SpecCase("exponential", Exponential.self, shorthand: "factor", ScheduleSection.exponential) { if case .exponential(let s) = $0 { s } else { nil } },
        SpecCase("step", Step.self, ScheduleSection.step) { if case .step(let s) = $0 { s } else { nil } },
        SpecCase("cosine", Cosine.self, shorthand: "minimum", ScheduleSection.cosine) { if case .cosine(let s) = $0 { s } else { nil } },
    ]

    /// The training core's schedule for a run of `epochs` epochs.
    func schedule(epochs: Int) -> LearningRateSchedule {
        switch self {
        case .constant: return .constant
        case .exponential(let s): return .exponential(factor: s.factor)
        case .step(let s): return .step(every: s.every, factor: s.factor)
        case .cosine(let s): return .cosine(epochs: epochs, minimumFactor: s.minimum)
        }
    }
}
