import Foundation
import TrainingCore
import Datasets

/// `kind: regularization` — Zhang et al. (2017)'s Table 1 at CPU scale: an MLP or a small CNN
/// trained with or without weight decay, random crops, dropout and BatchNorm, on true or random
/// labels, until the training accuracy reaches `target` or the epoch budget runs out.
///
/// Uses the training core's architectures (`mlp`, `smallCNN`) and augmentation (random crop with
/// zero padding); the book's `train` kind does not expose these yet.
public struct RegularizationExperiment: ExperimentKind {
    public init() {}
    public var name: String { "regularization" }
    public var version: String { "regularization-3" }

    public var parameters: [SpecField] {
        [
            SpecField("data", .record([
                SpecField("set", .choice(["fashion-mnist", "mnist", "kmnist"]), default: .text("fashion-mnist"), "the data set"),
                SpecField("train", .integer(10...60000), default: .integer(1000), "training examples (the first n of the training split)"),
                SpecField("test", .integer(1...10000), default: .integer(2000), "test examples (the first n of the test split)"),
                SpecField("directory", .text, default: .text(""), "folder of the IDX files (empty: the Debian package's folder)"),
            ])),
            SpecField("corruption", .record([
                SpecField("labels", .number(0...1), default: .number(0), "fraction of training labels redrawn uniformly (1 = random labels)"),
            ])),
            SpecField("model", .choice(["mlp-1x512", "mlp-3x512", "small-cnn"]), default: .text("mlp-1x512")),
            SpecField("cnn-channels", .list(.integer(1...512), count: 1...4), default: .list([.integer(16), .integer(32)]),
                      "convolution channels of small-cnn (each conv 3×3 + ReLU + 2×2 max pool)"),
            SpecField("batch-norm", .boolean, default: .boolean(false), "BatchNorm after every hidden layer"),
            SpecField("dropout", .number(0...0.95), default: .number(0), "dropout rate after every hidden dense layer"),
            SpecField("weight-decay", .number(0...1), default: .number(0), "L2 weight decay λ (SGD adds λw to the gradient)"),
            SpecField("random-crop", .boolean, default: .boolean(false), "random 28×28 crops of the image padded by 2 pixels"),
            SpecField("lr", .number(1e-6...10), default: .number(0.01), "SGD learning rate (constant)"),
            SpecField("momentum", .number(0...0.999), default: .number(0.9)),
            SpecField("batch", .integer(1...4096), default: .integer(64)),
            SpecField("epochs", .integer(1...10000), default: .integer(100), "epoch budget"),
            SpecField("target", .number(0...1), default: .number(0.99), "stop once training accuracy reaches this (0: never)"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 128, "data.test": 128, "epochs": 2, "batch": 32])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-accuracy", "train-loss"],
                      scalars: ["final-train-accuracy", "final-test-accuracy", "epochs-run", "parameters", "reached-target"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String {
        let set: ImageClassificationSet = ["mnist": .mnist, "kmnist": .kmnist][spec[path: "data.set"]!.textValue!] ?? .fashionMNIST
        let dir = spec[path: "data.directory"]!.textValue!.isEmpty ? set.defaultDirectory : spec[path: "data.directory"]!.textValue!
        let names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
        let parts = try names.map { name -> String in
            let base = (dir as NSString).appendingPathComponent(name)
            return try context.fileDigest(FileManager.default.fileExists(atPath: base + ".gz") ? base + ".gz" : base)
        }
        return SHA256.hex(parts.joined(separator: "\n"))
    }

    /// The core architecture for a spec.
    static func architecture(_ spec: SpecValue) -> ModelArchitecture {
        let bn = spec[path: "batch-norm"]!.boolValue!
        let dropout = Float(spec[path: "dropout"]!.doubleValue!)
        switch spec[path: "model"]!.textValue! {
        case "mlp-3x512": return .mlp(hidden: [512, 512, 512], activation: .relu, batchNorm: bn, dropout: dropout)
        case "small-cnn":
            return .smallCNN(channels: spec[path: "cnn-channels"]!.listValue!.map { $0.intValue! }, kernelSize: 3,
                             dense: [128], batchNorm: bn, dropout: dropout)
        default: return .mlp(hidden: [512], activation: .relu, batchNorm: bn, dropout: dropout)
        }
    }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let set: ImageClassificationSet = ["mnist": .mnist, "kmnist": .kmnist][spec[path: "data.set"]!.textValue!] ?? .fashionMNIST
        let dir = spec[path: "data.directory"]!.textValue!.isEmpty ? set.defaultDirectory : spec[path: "data.directory"]!.textValue!
        let fullTrain = try context.shared("\(set.rawValue) train \(dir)") { try set.load(split: .train, directory: dir) }
        let fullTest = try context.shared("\(set.rawValue) test \(dir)") { try set.load(split: .test, directory: dir) }
        let trainCount = spec[path: "data.train"]!.intValue!, testCount = spec[path: "data.test"]!.intValue!
        guard trainCount <= fullTrain.count, testCount <= fullTest.count else {
            throw BookError("regularization asks for \(trainCount)/\(testCount) examples but \(dir) has \(fullTrain.count)/\(fullTest.count)")
        }
        var train = fullTrain.prefix(trainCount)
        let test = fullTest.prefix(testCount)
        var dataRNG = SeededGenerator(seed: seed, stream: "data")
        let fraction = spec[path: "corruption.labels"]!.doubleValue!
        if fraction > 0 { train = try LabelCorruption(fraction: fraction).apply(to: train, rng: &dataRNG).data }

        let epochs = spec[path: "epochs"]!.intValue!
        let target = spec[path: "target"]!.doubleValue!
        let config = TrainingConfig(
            batchSize: spec[path: "batch"]!.intValue!, epochs: epochs,
            optimizer: .sgd(.init(learningRate: spec[path: "lr"]!.doubleValue!, momentum: spec[path: "momentum"]!.doubleValue!,
                                  weightDecay: spec[path: "weight-decay"]!.doubleValue!)),
            targetTrainAccuracy: target > 0 ? target : nil, evaluateTrainSet: true, testEvery: 0, recordSteps: false,
            augmentation: spec[path: "random-crop"]!.boolValue! ? Augmentation(cropPadding: 2) : nil, seed: seed)
        let (model, history) = try Trainer.run(architecture: Self.architecture(spec), train: train, test: test, config: config,
                                               progress: { p in
            context.progress(RunProgress(epoch: p.epoch, epochs: epochs, loss: p.trainLoss, accuracy: p.trainAccuracy))
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
