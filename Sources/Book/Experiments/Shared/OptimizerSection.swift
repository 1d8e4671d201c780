import TrainingCore

/// The shared `optimizer:` section: `sgd`, `adam`, `sam`, `sgld` or `winsorized`, each with its
/// own settings (`optimizer: {sgd: {lr: 0.1, momentum: 0.9}}`, or `optimizer: {sgd: 0.1}`).
enum OptimizerSection: SpecVariantValue, Equatable {
    case sgd(SGD), adam(Adam), sam(SAM), sgld(SGLD), winsorized(Winsorized)

    /// Stochastic gradient descent with momentum and L2 weight decay.
    struct SGD: SpecRecord, Equatable {
        var lr = 0.01
        var momentum = 0.9
        var nesterov = false
        var weightDecay = 0.0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("lr", \.lr, 1e-9...100),
            SpecParameter("momentum", \.momentum, 0...0.9999),
            SpecParameter("nesterov", \.nesterov),
            SpecParameter("weight-decay", \.weightDecay, 0...10),
        ]
        var config: OptimizerConfig.SGD {
            .init(learningRate: lr, momentum: momentum, nesterov: nesterov, weightDecay: weightDecay)
        }
    }

    /// Adam (Kingma & Ba) with decoupled weight decay as the core implements it.
    struct Adam: SpecRecord, Equatable {
        var lr = 0.001
        var beta1 = 0.9
        var beta2 = 0.999
        var epsilon = 1e-8
        var weightDecay = 0.0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("lr", \.lr, 1e-9...100),
            SpecParameter("beta1", \.beta1, 0...0.9999),
            SpecParameter("beta2", \.beta2, 0...0.999999),
            SpecParameter("epsilon", \.epsilon, 1e-12...1),
            SpecParameter("weight-decay", \.weightDecay, 0...10),
        ]
    }

    /// Sharpness-aware minimization around an SGD step.
    struct SAM: SpecRecord, Equatable {
        var sgd = SGD()
        var rho = 0.05
        static let fields: [SpecParameter<Self>] = SGD.fields.map { $0.lifted(\.sgd) } + [SpecParameter("rho", \.rho, 0...10)]
    }

    /// Stochastic gradient Langevin dynamics.
    struct SGLD: SpecRecord, Equatable {
        var lr = 0.01
        var temperature = 1.0
        var weightDecay = 0.0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("lr", \.lr, 1e-9...100),
            SpecParameter("temperature", \.temperature, 0...1e6),
            SpecParameter("weight-decay", \.weightDecay, 0...10),
        ]
    }

    /// SGD on per-example gradients winsorized coordinate-wise (`clip` extremes cut on each side).
    struct Winsorized: SpecRecord, Equatable {
        var sgd = SGD()
        var clip = 2
        static let fields: [SpecParameter<Self>] = SGD.fields.map { $0.lifted(\.sgd) } + [SpecParameter("clip", \.clip, 0...10000)]
    }

    static let cases: [SpecCase<Self>] = [
        SpecCase("sgd", SGD.self, shorthand: "lr", OptimizerSection.sgd) { if case .sgd(let o) = $0 { o } else { nil } },
        SpecCase("adam", Adam.self, shorthand: "lr", OptimizerSection.adam) { if case .adam(let o) = $0 { o } else { nil } },
        SpecCase("sam", SAM.self, shorthand: "rho", OptimizerSection.sam) { if case .sam(let o) = $0 { o } else { nil } },
        SpecCase("sgld", SGLD.self, shorthand: "lr", OptimizerSection.sgld) { if case .sgld(let o) = $0 { o } else { nil } },
        SpecCase("winsorized", Winsorized.self, shorthand: "clip", OptimizerSection.winsorized) { if case .winsorized(let o) = $0 { o } else { nil } },
    ]

    /// The training core's optimizer.
    var config: OptimizerConfig {
        switch self {
        case .sgd(let o): return .sgd(o.config)
        case .adam(let o):
            return .adam(.init(learningRate: o.lr, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon, weightDecay: o.weightDecay))
        case .sam(let o): return .sam(.init(rho: o.rho, base: o.sgd.config))
        case .sgld(let o): return .sgld(.init(learningRate: o.lr, temperature: o.temperature, weightDecay: o.weightDecay))
        case .winsorized(let o): return .winsorized(.init(base: o.sgd.config, clip: o.clip))
        }
    }
}
