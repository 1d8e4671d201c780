import Foundation
import TrainingCore
import Datasets

/// `kind: train` — trains a classifier with the training core and records learning curves.
///
/// Defaults follow Zhang et al. (2017)'s MLP settings: SGD lr 0.01, momentum 0.9, batch 128.
public struct TrainExperiment: ExperimentKind {
    public init() {}
    public var name: String { "train" }
    public var version: String { "train-1" }

    static let imageSets = ["fashion-mnist": ImageClassificationSet.fashionMNIST, "mnist": .mnist, "kmnist": .kmnist]

    public var parameters: [SpecField] {
        [
            SpecField("data", .record([
                SpecField("set", .choice(["fashion-mnist", "mnist", "kmnist"]), default: .text("fashion-mnist"), "the data set"),
                SpecField("train", .integer(1...60000), default: .integer(2000), "training examples (the first n of the training split)"),
                SpecField("test", .integer(0...10000), default: .integer(2000), "test examples (the first n of the test split; 0 = none)"),
                SpecField("directory", .text, default: .text(""), "folder of the IDX files (empty: the Debian package's folder)"),
            ])),
            SpecField("corruption", .record([
                SpecField("labels", .number(0...1), default: .number(0), "fraction of training labels redrawn uniformly (1 = random labels)"),
            ])),
            SpecField("model", .variant([
                SpecVariant("mlp", fields: [
                    SpecField("hidden", .list(.integer(1...65536), count: 0...16), default: .list([.integer(512)]), "hidden layer widths"),
                    SpecField("activation", .choice(["relu", "tanh", "sigmoid"]), default: .text("relu")),
                ], shorthand: "hidden"),
            ]), default: .record(["mlp": .record(["hidden": .list([.integer(512)]), "activation": .text("relu")])])),
            SpecField("optimizer", .variant([
                SpecVariant("sgd", fields: [
                    SpecField("lr", .number(1e-9...100), default: .number(0.01)),
                    SpecField("momentum", .number(0...0.9999), default: .number(0.9)),
                    SpecField("nesterov", .boolean, default: .boolean(false)),
                    SpecField("weight-decay", .number(0...10), default: .number(0)),
                ], shorthand: "lr"),
                SpecVariant("adam", fields: [
                    SpecField("lr", .number(1e-9...100), default: .number(0.001)),
                    SpecField("beta1", .number(0...0.9999), default: .number(0.9)),
                    SpecField("beta2", .number(0...0.999999), default: .number(0.999)),
                    SpecField("epsilon", .number(1e-12...1), default: .number(1e-8)),
                    SpecField("weight-decay", .number(0...10), default: .number(0)),
                ], shorthand: "lr"),
            ]), default: .record(["sgd": .record(["lr": .number(0.01), "momentum": .number(0.9), "nesterov": .boolean(false), "weight-decay": .number(0)])])),
            SpecField("schedule", .variant([
                SpecVariant("constant"),
                SpecVariant("exponential", fields: [SpecField("factor", .number(0.01...1), default: .number(0.95))], shorthand: "factor"),
                SpecVariant("step", fields: [
                    SpecField("every", .integer(1...100000), default: .integer(10)),
                    SpecField("factor", .number(0.0001...1), default: .number(0.1)),
                ]),
                SpecVariant("cosine", fields: [SpecField("minimum", .number(0...1), default: .number(0))], shorthand: "minimum"),
            ]), default: .record(["constant": .record([:])])),
            SpecField("loss", .choice(["cross-entropy", "mse"]), default: .text("cross-entropy")),
            SpecField("batch", .integer(1...65536), default: .integer(128)),
            SpecField("epochs", .integer(1...100000), default: .integer(20)),
            SpecField("stop", .record([
                SpecField("train-accuracy", .number(0...1), optional: true, "stop once train accuracy reaches this"),
                SpecField("train-loss", .number(0...1e6), optional: true, "stop once train loss falls to this"),
            ])),
            SpecField("record", .record([
                SpecField("steps", .boolean, default: .boolean(false), "record per-step loss and batch accuracy"),
                SpecField("test-every", .integer(0...100000), default: .integer(1), "evaluate the test set every n epochs (0: never)"),
            ])),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        if spec[path: "data.test"]?.intValue == 0, spec[path: "record.test-every"]?.intValue != 0 {
            // No test set: test metrics are simply absent.
        }
        if let batch = spec[path: "batch"]?.intValue, let train = spec[path: "data.train"]?.intValue, batch > train {
            throw KindIssue(path: "batch", message: "batch \(batch) is larger than the training set (\(train) examples)")
        }
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        var o: [String: SpecValue] = [:]
        if let n = spec[path: "data.train"]?.intValue { o["data.train"] = .integer(min(n, 256)) }
        if let n = spec[path: "data.test"]?.intValue { o["data.test"] = .integer(min(n, 256)) }
        if let e = spec[path: "epochs"]?.intValue { o["epochs"] = .integer(min(e, 3)) }
        if let b = spec[path: "batch"]?.intValue { o["batch"] = .integer(min(b, 64)) }
        return o
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-loss", "train-accuracy", "test-loss", "test-accuracy", "learning-rate",
                               "seconds", "step", "step-loss", "step-accuracy"],
                      scalars: ["epochs-to-target", "steps-to-target", "epochs-run", "steps-run", "parameters"])
    }

    private func directory(_ spec: SpecValue) -> (ImageClassificationSet, String) {
        let set = TrainExperiment.imageSets[spec[path: "data.set"]!.textValue!]!
        let dir = spec[path: "data.directory"]!.textValue!
        return (set, dir.isEmpty ? set.defaultDirectory : dir)
    }

    private func splitDigest(_ dir: String, _ prefix: String, context: RunContext) throws -> String {
        var parts: [String] = []
        for name in ["\(prefix)-images-idx3-ubyte", "\(prefix)-labels-idx1-ubyte"] {
            let base = (dir as NSString).appendingPathComponent(name)
            let path = FileManager.default.fileExists(atPath: base + ".gz") ? base + ".gz" : base
            parts.append(try context.fileDigest(path))
        }
        return parts.joined(separator: "+")
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String {
        let (_, dir) = directory(spec)
        return SHA256.hex(try splitDigest(dir, "train", context: context) + "\n" + splitDigest(dir, "t10k", context: context))
    }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let (set, dir) = directory(spec)
        let trainCount = spec[path: "data.train"]!.intValue!
        let testCount = spec[path: "data.test"]!.intValue!
        let fullTrain = try context.shared("\(set.rawValue) train \(try splitDigest(dir, "train", context: context))") { try set.load(split: .train, directory: dir) }
        guard trainCount <= fullTrain.count else {
            throw BookError("data.train = \(trainCount) but \(dir) has only \(fullTrain.count) training examples")
        }
        var train = fullTrain.prefix(trainCount)
        var test: LabeledData? = nil
        if testCount > 0 {
            let fullTest = try context.shared("\(set.rawValue) test \(try splitDigest(dir, "t10k", context: context))") { try set.load(split: .test, directory: dir) }
            test = fullTest.prefix(min(testCount, fullTest.count))
        }
        // Data randomness (label noise) uses its own stream so it does not shift the weights' stream.
        var dataRNG = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        let fraction = spec[path: "corruption.labels"]!.doubleValue!
        if fraction > 0 { train = try LabelCorruption(fraction: fraction).apply(to: train, rng: &dataRNG).data }

        let architecture = try TrainExperiment.architecture(spec[path: "model"]!)
        var config = TrainingConfig(
            batchSize: spec[path: "batch"]!.intValue!, epochs: spec[path: "epochs"]!.intValue!,
            optimizer: TrainExperiment.optimizer(spec[path: "optimizer"]!),
            schedule: TrainExperiment.schedule(spec[path: "schedule"]!, epochs: spec[path: "epochs"]!.intValue!),
            loss: spec[path: "loss"]!.textValue! == "mse" ? .meanSquaredError : .crossEntropy,
            targetTrainAccuracy: spec[path: "stop.train-accuracy"]?.doubleValue,
            targetTrainLoss: spec[path: "stop.train-loss"]?.doubleValue,
            evaluateTrainSet: true, testEvery: spec[path: "record.test-every"]!.intValue!,
            recordSteps: spec[path: "record.steps"]!.boolValue!, seed: seed)
        if test == nil { config.testEvery = 0 }
        let (model, history) = try Trainer.run(architecture: architecture, train: train, test: test, config: config,
                                               progress: { p in
            context.progress(RunProgress(epoch: p.epoch, epochs: p.epochBudget, loss: p.trainLoss, accuracy: p.trainAccuracy))
        })
        var m = Measurements()
        m.series["epoch"] = history.epochs.map { Double($0.epoch) }
        m.series["train-loss"] = history.epochs.map(\.trainLoss)
        m.series["train-accuracy"] = history.epochs.map(\.trainAccuracy)
        m.series["learning-rate"] = history.epochs.map(\.learningRate)
        m.series["seconds"] = history.epochs.map { ($0.seconds * 1000).rounded() / 1000 }
        if test != nil {
            m.series["test-loss"] = history.epochs.map { $0.testLoss ?? .nan }
            m.series["test-accuracy"] = history.epochs.map { $0.testAccuracy ?? .nan }
        }
        if config.recordSteps {
            m.series["step"] = history.steps.map { Double($0.step) }
            m.series["step-loss"] = history.steps.map { Double($0.loss) }
            m.series["step-accuracy"] = history.steps.map { Double($0.accuracy) }
        }
        m.scalars["epochs-to-target"] = history.epochsToTarget.map(Double.init) ?? .nan
        m.scalars["steps-to-target"] = history.stepsToTarget.map(Double.init) ?? .nan
        m.scalars["epochs-run"] = Double(history.epochs.count)
        m.scalars["steps-run"] = Double(history.epochs.last?.steps ?? 0)
        m.scalars["parameters"] = Double(model.parameterCount)
        return m
    }

    static func architecture(_ value: SpecValue) throws -> ModelArchitecture {
        guard let (name, f) = value.variantCase else { throw BookError("model: unexpected value \(value)") }
        switch name {
        default:
            let hidden = f["hidden"]!.listValue!.map { $0.intValue! }
            let activation = Activation(rawValue: f["activation"]!.textValue!) ?? .relu
            return .mlp(hidden: hidden, activation: activation)
        }
    }

    static func optimizer(_ value: SpecValue) -> OptimizerConfig {
        let (name, f) = value.variantCase!
        if name == "adam" {
            return .adam(.init(learningRate: f["lr"]!.doubleValue!, beta1: f["beta1"]!.doubleValue!, beta2: f["beta2"]!.doubleValue!,
                               epsilon: f["epsilon"]!.doubleValue!, weightDecay: f["weight-decay"]!.doubleValue!))
        }
        return .sgd(.init(learningRate: f["lr"]!.doubleValue!, momentum: f["momentum"]!.doubleValue!,
                          nesterov: f["nesterov"]!.boolValue!, weightDecay: f["weight-decay"]!.doubleValue!))
    }

    static func schedule(_ value: SpecValue, epochs: Int) -> LearningRateSchedule {
        let (name, f) = value.variantCase!
        switch name {
        case "exponential": return .exponential(factor: f["factor"]!.doubleValue!)
        case "step": return .step(every: f["every"]!.intValue!, factor: f["factor"]!.doubleValue!)
        case "cosine": return .cosine(epochs: epochs, minimumFactor: f["minimum"]!.doubleValue!)
        default: return .constant
        }
    }
}
