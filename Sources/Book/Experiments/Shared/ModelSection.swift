import TrainingCore

/// The shared `model:` section: an MLP, a small CNN, a small ResNet or Zhang et al.'s small
/// Inception, written as `model: mlp [512]`, `model: {cnn: {channels: [32, 64]}}`, `model: resnet 16`,
/// `model: {inception: {width: 0.25, batch-norm: false}}`.
enum ModelSection: SpecVariantValue, Equatable {
    case mlp(MLP), cnn(CNN), resnet(ResNet), inception(Inception)

    /// A fully connected network.
    struct MLP: SpecRecord, Equatable {
        enum ActivationName: String, SpecChoice { case relu, tanh, sigmoid }
        var hidden = [512]
        var activation = ActivationName.relu
        var batchNorm = false
        var dropout = 0.0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("hidden", \.hidden, 1...65536, count: 0...16, "hidden layer widths"),
            SpecParameter("activation", \.activation),
            SpecParameter("batch-norm", \.batchNorm),
            SpecParameter("dropout", \.dropout, 0...0.99),
        ]
    }

    /// Convolutions (each followed by ReLU and 2×2 max pooling), then dense layers.
    struct CNN: SpecRecord, Equatable {
        var channels = [32, 64]
        var kernel = 3
        var dense = [128]
        var batchNorm = false
        var dropout = 0.0
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("channels", \.channels, 1...4096, count: 1...8),
            SpecParameter("kernel", \.kernel, 1...11),
            SpecParameter("dense", \.dense, 1...65536, count: 0...8),
            SpecParameter("batch-norm", \.batchNorm),
            SpecParameter("dropout", \.dropout, 0...0.99),
        ]
    }

    /// A small residual network.
    struct ResNet: SpecRecord, Equatable {
        var width = 16
        var blocks = 1
        var batchNorm = true
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("width", \.width, 1...512),
            SpecParameter("blocks", \.blocks, 1...16),
            SpecParameter("batch-norm", \.batchNorm),
        ]
    }

    /// Zhang et al.'s small Inception (1,649,402 parameters at width 1 on 3×28×28), every channel
    /// count multiplied by `width`.
    struct Inception: SpecRecord, Equatable {
        var width = 0.125
        var batchNorm = true
        static let fields: [SpecParameter<Self>] = [
            SpecParameter("width", \.width, 0.01...4, "multiplies every channel count of the paper's network"),
            SpecParameter("batch-norm", \.batchNorm),
        ]
    }

    static let cases: [SpecCase<Self>] = [
        SpecCase("mlp", MLP.self, shorthand: "hidden", ModelSection.mlp) { if case .mlp(let m) = $0 { m } else { nil } },
        SpecCase("cnn", CNN.self, shorthand: "channels", ModelSection.cnn) { if case .cnn(let m) = $0 { m } else { nil } },
        SpecCase("resnet", ResNet.self, shorthand: "width", ModelSection.resnet) { if case .resnet(let m) = $0 { m } else { nil } },
        SpecCase("inception", Inception.self, shorthand: "width", ModelSection.inception) { if case .inception(let m) = $0 { m } else { nil } },
    ]

    /// The training core's architecture.
    var architecture: ModelArchitecture {
        switch self {
        case .mlp(let m):
            return .mlp(hidden: m.hidden, activation: Activation(rawValue: m.activation.rawValue) ?? .relu,
                        batchNorm: m.batchNorm, dropout: Float(m.dropout))
        case .cnn(let c):
            return .smallCNN(channels: c.channels, kernelSize: c.kernel, dense: c.dense, batchNorm: c.batchNorm, dropout: Float(c.dropout))
        case .resnet(let r):
            return .smallResNet(width: r.width, blocksPerStage: r.blocks, batchNorm: r.batchNorm)
        case .inception(let i):
            return .smallInception(width: i.width, batchNorm: i.batchNorm)
        }
    }
}
