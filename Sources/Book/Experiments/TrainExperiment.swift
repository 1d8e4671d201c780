import Foundation
import TrainingCore
import Datasets

/// `kind: train` — trains a classifier with the training core and records learning curves.
///
/// Defaults follow Zhang et al. (2017)'s MLP settings: SGD lr 0.01, momentum 0.9, batch 128.
public struct TrainExperiment: Experiment {
    /// The `train` kind.
    public init() {}
    /// `kind: train`.
    public var name: String { "train" }
    /// Bumped whenever a run of the same spec would record different results.
    public var version: String { "train-4" }

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
    public func check(_ p: Parameters) throws(KindIssue) {
        let set = p.data.set
        if set == .cifar10, p.data.directory.isEmpty {
            throw KindIssue(path: "data.set", message: "cifar10 needs data.directory: the folder of cifar-10-batches-bin (not shipped by Debian)")
        }
        if set == .gaussianMixture {
            if p.data.classes > p.data.clusters {
                throw KindIssue(path: "data.classes", message: "\(p.data.classes) classes need at least as many clusters (got \(p.data.clusters))")
            }
            guard case .mlp = p.model else { throw KindIssue(path: "model", message: "gaussian-mixture data are vectors: use an mlp") }
            if p.augment.cropPadding != 0 || p.augment.flip {
                throw KindIssue(path: "augment", message: "crops and flips need images, not gaussian-mixture vectors")
            }
        }
        let side = set == .cifar10 ? 32 : 28
        if set != .gaussianMixture, p.data.crop > side {
            throw KindIssue(path: "data.crop", message: "crop \(p.data.crop) is larger than the \(side)-pixel images")
        }
    }

    /// At most 256 training and test examples, 3 epochs, batches of 64.
    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 256, "data.test": 256, "epochs": 3, "batch": 64] }

    /// Per-epoch curves, optional per-step curves and samples, and run-level scalars.
    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-loss", "train-accuracy", "test-loss", "test-accuracy", "learning-rate",
                               "seconds", "step", "step-loss", "step-accuracy", "samples", "sample-labels"],
                      scalars: ["epochs-to-target", "steps-to-target", "epochs-run", "steps-run", "parameters", "diverged",
                                "sample-channels", "sample-height", "sample-width"])
    }

    /// The image files or the mixture `data:` describes.
    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    /// Loads and corrupts the data, builds the model, trains it with the training core, records the curves.
    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (clean, cleanTest) = try p.data.load()
        // Data randomness (corruptions) uses its own stream so it does not shift the weights' stream.
        var dataRNG = SeededGenerator(seed: seed, stream: "data")
        let (train, test, _) = try p.corruption.corruption.apply(train: clean, test: cleanTest, rng: &dataRNG)

        var m = Measurements()
        let samples = min(p.record.samples, train.count)
        if samples > 0 {
            m.series["samples"] = Array(train.inputs.scalars.prefix(samples * train.sampleSize)).map(Double.init)
            m.series["sample-labels"] = train.labels.prefix(samples).map(Double.init)
            m.recordSampleShape(train.sampleShape)
        }
        var config = TrainingConfig(
            batchSize: p.batch, epochs: p.epochs, optimizer: p.optimizer.config, schedule: p.schedule.schedule(epochs: p.epochs),
            loss: p.loss == .mse ? .meanSquaredError : .crossEntropy,
            targetTrainAccuracy: p.stop.trainAccuracy, targetTrainLoss: p.stop.trainLoss,
            evaluateTrainSet: true, testEvery: p.record.testEvery, recordSteps: p.record.steps, seed: seed)
        if test == nil { config.testEvery = 0 }
        let augmentation = Augmentation(cropPadding: p.augment.cropPadding, horizontalFlip: p.augment.flip,
                                        inputNoise: Float(p.augment.inputNoise ?? 0),
                                        adversarialEpsilon: Float(p.augment.adversarialEpsilon ?? 0))
        if !augmentation.isIdentity { config.augmentation = augmentation }
        let (model, history) = try Trainer.run(architecture: p.model.architecture, train: train, test: test, config: config,
                                               progress: { progress in
            context.progress(RunProgress(epoch: progress.epoch, epochs: progress.epochBudget, loss: progress.trainLoss,
                                         accuracy: progress.trainAccuracy))
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
}
