import Foundation
import TrainingCore
import Datasets

/// `kind: regularization` — Zhang et al. (2017)'s Table 1 at CPU scale: an MLP or a small CNN
/// trained with or without weight decay, random crops, dropout and BatchNorm, on true or random
/// labels, until the training accuracy reaches `target` or the epoch budget runs out.
public struct RegularizationExperiment: Experiment {
    public struct Parameters: SpecRecord {
        enum Model: String, SpecChoice { case mlp1x512 = "mlp-1x512", mlp3x512 = "mlp-3x512", smallCNN = "small-cnn" }
        var data = ImageDataSection(train: 1000, test: 2000, testLimit: 1...10000)
        var corruption = LabelNoiseSection()
        var model = Model.mlp1x512
        var cnnChannels = [16, 32]
        var batchNorm = false
        var dropout = 0.0
        var weightDecay = 0.0
        var randomCrop = false
        var lr = 0.01
        var momentum = 0.9
        var batch = 64
        var epochs = 100
        var target = 0.99
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("corruption", \.corruption),
            SpecParameter("model", \.model),
            SpecParameter("cnn-channels", \.cnnChannels, 1...512, count: 1...4,
                          "convolution channels of small-cnn (each conv 3×3 + ReLU + 2×2 max pool)"),
            SpecParameter("batch-norm", \.batchNorm, "BatchNorm after every hidden layer"),
            SpecParameter("dropout", \.dropout, 0...0.95, "dropout rate after every hidden dense layer"),
            SpecParameter("weight-decay", \.weightDecay, 0...1, "L2 weight decay λ (SGD adds λw to the gradient)"),
            SpecParameter("random-crop", \.randomCrop, "random 28×28 crops of the image padded by 2 pixels"),
            SpecParameter("lr", \.lr, 1e-6...10, "SGD learning rate (constant)"),
            SpecParameter("momentum", \.momentum, 0...0.999),
            SpecParameter("batch", \.batch, 1...4096),
            SpecParameter("epochs", \.epochs, 1...10000, "epoch budget"),
            SpecParameter("target", \.target, 0...1, "stop once training accuracy reaches this (0: never)"),
        ]
        public init() {}

        /// The core architecture.
        var architecture: ModelArchitecture {
            switch model {
            case .mlp1x512: .mlp(hidden: [512], activation: .relu, batchNorm: batchNorm, dropout: Float(dropout))
            case .mlp3x512: .mlp(hidden: [512, 512, 512], activation: .relu, batchNorm: batchNorm, dropout: Float(dropout))
            case .smallCNN: .smallCNN(channels: cnnChannels, kernelSize: 3, dense: [128], batchNorm: batchNorm, dropout: Float(dropout))
            }
        }
    }

    public init() {}
    public var name: String { "regularization" }
    public var version: String { "regularization-3" }
    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 128, "data.test": 128, "epochs": 2, "batch": 32] }

    public func check(_ p: Parameters) throws(KindIssue) { try checkBatch(p.batch, fits: p.data.train) }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-accuracy", "train-loss"],
                      scalars: ["final-train-accuracy", "final-test-accuracy", "epochs-run", "parameters", "reached-target"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (train, testSet, _) = try p.data.load(corruption: p.corruption.corruption, seed: seed)
        guard let test = testSet else { throw BookError("regularization needs test images (data.test ≥ 1)") }
        let config = TrainingConfig(
            batchSize: p.batch, epochs: p.epochs,
            optimizer: .sgd(.init(learningRate: p.lr, momentum: p.momentum, weightDecay: p.weightDecay)),
            targetTrainAccuracy: p.target > 0 ? p.target : nil, evaluateTrainSet: true, testEvery: 0, recordSteps: false,
            augmentation: p.randomCrop ? Augmentation(cropPadding: 2) : nil, seed: seed)
        let (model, history) = try Trainer.run(architecture: p.architecture, train: train, test: test, config: config,
                                               progress: { progress in
            context.progress(RunProgress(epoch: progress.epoch, epochs: p.epochs, loss: progress.trainLoss, accuracy: progress.trainAccuracy))
        })
        var m = Measurements()
        m.series["epoch"] = history.epochs.map { Double($0.epoch) }
        m.series["train-accuracy"] = history.epochs.map(\.trainAccuracy)
        m.series["train-loss"] = history.epochs.map(\.trainLoss)
        m.scalars["final-train-accuracy"] = history.epochs.last?.trainAccuracy ?? .nan
        // The test set is evaluated once, after training (per-epoch evaluation would double the cost).
        m.scalars["final-test-accuracy"] = Trainer.evaluate(model: model, data: test, batchSize: 256).accuracy
        m.scalars["epochs-run"] = Double(history.epochs.count)
        m.scalars["parameters"] = Double(model.parameterCount)
        m.scalars["reached-target"] = history.epochsToTarget == nil ? 0 : 1
        return m
    }
}
