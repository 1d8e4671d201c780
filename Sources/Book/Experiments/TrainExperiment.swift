import Foundation
import TrainingCore
import Datasets

/// `kind: train` — trains a classifier with the training core and records learning curves.
///
/// Defaults follow Zhang et al. (2017)'s MLP settings: SGD lr 0.01, momentum 0.9, batch 128.
public struct TrainExperiment: ExperimentKind {
    /// The `train` kind.
    public init() {}
    /// `kind: train`.
    public var name: String { "train" }
    /// Bumped whenever a run of the same spec would record different results.
    public var version: String { "train-3" }

    static let imageSets = ["fashion-mnist": ImageClassificationSet.fashionMNIST, "mnist": .mnist, "kmnist": .kmnist]

    static let syntheticKeys = ["clusters", "dimension", "classes", "separation", "noise", "seed"]

    /// Drops the mixture's settings for file data sets, and directory/whitening/crop for the mixture.
    public func canonical(_ spec: SpecValue) -> SpecValue {
        guard case .record(var fields) = spec, case .record(var data)? = fields["data"] else { return spec }
        if data["set"]?.textValue == "gaussian-mixture" {
            data["directory"] = nil
            data["whiten"] = nil
            data["crop"] = nil
        } else {
            for key in TrainExperiment.syntheticKeys { data[key] = nil }
        }
        fields["data"] = .record(data)
        return .record(fields)
    }

    /// Cross-parameter rules: CIFAR-10 needs a folder, mixtures need an MLP and no image augmentation, crops fit the images.
    public func check(_ spec: SpecValue) throws(KindIssue) {
        let set = spec[path: "data.set"]?.textValue ?? ""
        if set == "cifar10", spec[path: "data.directory"]?.textValue == "" {
            throw KindIssue(path: "data.set", message: "cifar10 needs data.directory: the folder of cifar-10-batches-bin (not shipped by Debian)")
        }
        if set == "gaussian-mixture" {
            if let c = spec[path: "data.classes"]?.intValue, let k = spec[path: "data.clusters"]?.intValue, c > k {
                throw KindIssue(path: "data.classes", message: "\(c) classes need at least as many clusters (got \(k))")
            }
            if case .record(let m)? = spec[path: "model"], m["mlp"] == nil {
                throw KindIssue(path: "model", message: "gaussian-mixture data are vectors: use an mlp")
            }
            let augment = spec[path: "augment.crop-padding"]?.intValue != 0 || spec[path: "augment.flip"]?.boolValue == true
            if augment { throw KindIssue(path: "augment", message: "crops and flips need images, not gaussian-mixture vectors") }
        }
        if set != "gaussian-mixture", let crop = spec[path: "data.crop"]?.intValue, crop > (set == "cifar10" ? 32 : 28) {
            throw KindIssue(path: "data.crop", message: "crop \(crop) is larger than the \(set == "cifar10" ? 32 : 28)-pixel images")
        }
    }

    /// At most 256 training and test examples, 3 epochs, batches of 64.
    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 256, "data.test": 256, "epochs": 3, "batch": 64])
    }

    /// Per-epoch curves, optional per-step curves and samples, and run-level scalars.
    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-loss", "train-accuracy", "test-loss", "test-accuracy", "learning-rate",
                               "seconds", "step", "step-loss", "step-accuracy", "samples", "sample-labels"],
                      scalars: ["epochs-to-target", "steps-to-target", "epochs-run", "steps-run", "parameters", "diverged",
                                "sample-channels", "sample-height", "sample-width"])
    }

    private func directory(_ spec: SpecValue) -> String {
        let set = spec[path: "data.set"]!.textValue!
        let dir = spec[path: "data.directory"]?.textValue ?? ""
        if !dir.isEmpty { return dir }
        return TrainExperiment.imageSets[set]?.defaultDirectory ?? ""
    }

    private func files(_ spec: SpecValue, split: ImageClassificationSet.Split) -> [String] {
        let set = spec[path: "data.set"]!.textValue!
        let dir = directory(spec)
        if set == "cifar10" {
            let names = split == .train ? (1...5).map { "data_batch_\($0).bin" } : ["test_batch.bin"]
            return names.map { (dir as NSString).appendingPathComponent($0) }
        }
        let prefix = split == .train ? "train" : "t10k"
        return ["\(prefix)-images-idx3-ubyte", "\(prefix)-labels-idx1-ubyte"].map { name in
            let base = (dir as NSString).appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: base + ".gz") ? base + ".gz" : base
        }
    }

    private func splitDigest(_ spec: SpecValue, _ split: ImageClassificationSet.Split, context: RunContext) throws -> String {
        try files(spec, split: split).map { try context.fileDigest($0) }.joined(separator: "+")
    }

    /// SHA-256 over the data files' digests (synthetic data: its settings are all in the spec).
    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String {
        if spec[path: "data.set"]?.textValue == "gaussian-mixture" {
            return "synthetic gaussian-mixture (every setting is in the spec)"
        }
        return SHA256.hex(try splitDigest(spec, .train, context: context) + "\n" + splitDigest(spec, .test, context: context))
    }

    /// The training and test sets of `spec`, before corruption.
    private func load(_ spec: SpecValue, context: RunContext) throws -> (LabeledData, LabeledData?) {
        let set = spec[path: "data.set"]!.textValue!
        let trainCount = spec[path: "data.train"]!.intValue!
        let testCount = spec[path: "data.test"]!.intValue!
        if set == "gaussian-mixture" {
            let mixture = GaussianMixture(clusters: spec[path: "data.clusters"]!.intValue!, dimension: spec[path: "data.dimension"]!.intValue!,
                                          classes: spec[path: "data.classes"]!.intValue!,
                                          separation: Float(spec[path: "data.separation"]!.doubleValue!),
                                          noise: Float(spec[path: "data.noise"]!.doubleValue!))
            var rng = SeededGenerator(seed: UInt64(spec[path: "data.seed"]!.intValue!))
            let all = try mixture.sample(count: trainCount + testCount, rng: &rng).data
            let train = all.subset(Array(0..<trainCount))
            return (train, testCount > 0 ? all.subset(Array(trainCount..<(trainCount + testCount))) : nil)
        }
        let dir = directory(spec)
        // Only the first `limit` examples are converted (the files are still read and checked in full).
        func load(_ split: ImageClassificationSet.Split, limit: Int) throws -> LabeledData {
            try context.shared("\(set) \(split) \(limit) \(try splitDigest(spec, split, context: context))") {
                if set == "cifar10" { return try CIFAR10.load(split: split, directory: dir, limit: limit) }
                return try TrainExperiment.imageSets[set]!.load(split: split, directory: dir, limit: limit)
            }
        }
        var train = try load(.train, limit: trainCount)
        guard trainCount <= train.count else {
            throw BookError("data.train = \(trainCount) but \(dir) has only \(train.count) training examples")
        }
        var test: LabeledData? = testCount > 0 ? try load(.test, limit: testCount) : nil
        if spec[path: "data.whiten"]?.boolValue == true {
            train = Preprocessing.perImageWhitened(train)
            test = test.map(Preprocessing.perImageWhitened)
        }
        if let crop = spec[path: "data.crop"]?.intValue, crop > 0 {
            train = try Preprocessing.centreCropped(train, height: crop, width: crop)
            test = try test.map { try Preprocessing.centreCropped($0, height: crop, width: crop) }
        }
        return (train, test)
    }

    /// Loads and corrupts the data, builds the model, trains it with the training core, records the curves.
    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        var (train, test) = try load(spec, context: context)
        // Data randomness (corruptions) uses its own stream so it does not shift the weights' stream.
        var dataRNG = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        let fraction = spec[path: "corruption.labels"]!.doubleValue!
        if fraction > 0 { train = try LabelCorruption(fraction: fraction).apply(to: train, rng: &dataRNG).data }
        let inputs = spec[path: "corruption.inputs"]!.textValue!
        let corruption: InputCorruption? = ["shuffled-pixels": .shuffledPixels, "random-pixels": .randomPixels, "gaussian": .gaussian][inputs]
        if let corruption {
            // One corruption for both splits (shuffled pixels: the same permutation on train and test).
            var trainRNG = dataRNG
            train = corruption.apply(to: train, rng: &trainRNG)
            if let t = test { var testRNG = dataRNG; test = corruption.apply(to: t, rng: &testRNG) }
        }

        var m = Measurements()
        let samples = min(spec[path: "record.samples"]?.intValue ?? 0, train.count)
        if samples > 0 {
            m.series["samples"] = Array(train.inputs.scalars.prefix(samples * train.sampleSize)).map(Double.init)
            m.series["sample-labels"] = train.labels.prefix(samples).map(Double.init)
            m.recordSampleShape(train.sampleShape)
        }
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
        let padding = spec[path: "augment.crop-padding"]?.intValue ?? 0, flip = spec[path: "augment.flip"]?.boolValue ?? false
        if padding > 0 || flip { config.augmentation = Augmentation(cropPadding: padding, horizontalFlip: flip) }
        let (model, history) = try Trainer.run(architecture: architecture, train: train, test: test, config: config,
                                               progress: { p in
            context.progress(RunProgress(epoch: p.epoch, epochs: p.epochBudget, loss: p.trainLoss, accuracy: p.trainAccuracy))
        })
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
        m.scalars["diverged"] = history.stopReason == .diverged ? 1 : 0
        return m
    }

    static func architecture(_ value: SpecValue) throws -> ModelArchitecture {
        guard let (name, f) = value.variantCase else { throw BookError("model: unexpected value \(value)") }
        let ints = { (key: String) in f[key]!.listValue!.map { $0.intValue! } }
        switch name {
        case "cnn":
            return .smallCNN(channels: ints("channels"), kernelSize: f["kernel"]!.intValue!, dense: ints("dense"),
                             batchNorm: f["batch-norm"]!.boolValue!, dropout: Float(f["dropout"]!.doubleValue!))
        case "resnet":
            return .smallResNet(width: f["width"]!.intValue!, blocksPerStage: f["blocks"]!.intValue!, batchNorm: f["batch-norm"]!.boolValue!)
        default:
            return .mlp(hidden: ints("hidden"), activation: Activation(rawValue: f["activation"]!.textValue!) ?? .relu,
                        batchNorm: f["batch-norm"]!.boolValue!, dropout: Float(f["dropout"]!.doubleValue!))
        }
    }

    static func sgd(_ f: [String: SpecValue]) -> OptimizerConfig.SGD {
        .init(learningRate: f["lr"]!.doubleValue!, momentum: f["momentum"]!.doubleValue!,
              nesterov: f["nesterov"]!.boolValue!, weightDecay: f["weight-decay"]!.doubleValue!)
    }

    static func optimizer(_ value: SpecValue) -> OptimizerConfig {
        let (name, f) = value.variantCase!
        switch name {
        case "adam":
            return .adam(.init(learningRate: f["lr"]!.doubleValue!, beta1: f["beta1"]!.doubleValue!, beta2: f["beta2"]!.doubleValue!,
                               epsilon: f["epsilon"]!.doubleValue!, weightDecay: f["weight-decay"]!.doubleValue!))
        case "sam": return .sam(.init(rho: f["rho"]!.doubleValue!, base: sgd(f)))
        case "sgld":
            return .sgld(.init(learningRate: f["lr"]!.doubleValue!, temperature: f["temperature"]!.doubleValue!,
                               weightDecay: f["weight-decay"]!.doubleValue!))
        case "winsorized": return .winsorized(.init(base: sgd(f), clip: f["clip"]!.intValue!))
        default: return .sgd(sgd(f))
        }
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
