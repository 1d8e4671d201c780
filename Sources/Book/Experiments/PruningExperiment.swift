import Foundation
import TrainingCore
import Probes

/// `kind: pruning` — trains a dense ReLU MLP on a Gaussian mixture, prunes a `sparsity` share of
/// its weights (global magnitude, uniformly random, or the best of `candidates` random masks
/// after a short trial — the random-search baseline), fine-tunes with the mask held fixed, and
/// records accuracy, robustness to Gaussian input noise and the rate of inactive ReLU units.
///
/// Two unit statistics are recorded on the training set after every fine-tuning epoch:
/// `dead-rate`, the share of hidden units that output zero on *every* example, and
/// `inactive-rate`, the share of (example, unit) activations that are zero — the "dynamic" rate.
public struct PruningExperiment: ExperimentKind {
    public init() {}
    public var name: String { "pruning" }
    public var version: String { "pruning-1" }

    public var parameters: [SpecField] {
        [
            GaussianMixtureTask.fields(train: 1000, test: 1000, clusters: 8, dimension: 30, separation: 4),
            SpecField("hidden", .list(.integer(1...4096), count: 1...4), default: .list([.integer(256), .integer(256)])),
            SpecField("lr", .number(1e-6...10), default: .number(0.05)),
            SpecField("batch", .integer(1...100000), default: .integer(50)),
            SpecField("epochs", .integer(1...10000), default: .integer(20), "dense training epochs"),
            SpecField("method", .choice(["magnitude", "random", "random-search"]), default: .text("magnitude")),
            SpecField("sparsity", .number(0...0.999), default: .number(0.9), "share of weights removed"),
            SpecField("finetune", .integer(0...10000), default: .integer(10), "fine-tuning epochs with the mask fixed"),
            SpecField("candidates", .integer(1...1000), default: .integer(8), "random-search: masks tried"),
            SpecField("trial", .integer(1...1000), default: .integer(1), "random-search: fine-tuning epochs per tried mask"),
            SpecField("input-noise", .number(0...100), default: .number(1.0), "std of the Gaussian noise added to test inputs for robustness"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        ["data.train": .integer(min(spec[path: "data.train"]!.intValue!, 100)),
         "data.test": .integer(min(spec[path: "data.test"]!.intValue!, 100)),
         "batch": .integer(min(spec[path: "batch"]!.intValue!, 50)),
         "epochs": .integer(min(spec[path: "epochs"]!.intValue!, 2)),
         "finetune": .integer(min(spec[path: "finetune"]!.intValue!, 2)),
         "candidates": .integer(min(spec[path: "candidates"]!.intValue!, 2)),
         "hidden": .list(spec[path: "hidden"]!.listValue!.map { .integer(min($0.intValue!, 32)) })]
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "dead-rate", "inactive-rate", "test-accuracy"],
                      scalars: ["dense-test-accuracy", "pruned-test-accuracy", "final-test-accuracy", "noisy-test-accuracy",
                                "dense-noisy-test-accuracy", "final-dead-rate", "final-inactive-rate", "sparsity-measured", "parameters"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic" }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = GaussianMixtureTask(spec: spec)
        var dataRNG = SeededGenerator(seed: 0x9E00_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: spec[path: "data.train"]!.intValue!, test: max(1, spec[path: "data.test"]!.intValue!), rng: &dataRNG)
        let test = testOptional!
        var noisy = test
        noisy.inputs.scalars = test.inputs.scalars.map { $0 + Float(spec[path: "input-noise"]!.doubleValue! * dataRNG.nextNormal()) }
        let lr = spec[path: "lr"]!.doubleValue!, batch = spec[path: "batch"]!.intValue!
        let hidden = spec[path: "hidden"]!.listValue!.map { $0.intValue! }

        // Dense training (the same for every method and sparsity with this seed).
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: [task.dimension], classes: task.classes, rng: &rng)
        // Momentum SGD (TrainingCore's `Trainer`); each call starts with zero momentum.
        func config(epochs: Int) -> TrainingConfig {
            TrainingConfig.kind(batch: batch, epochs: epochs, optimizer: .sgd(.init(learningRate: lr, momentum: 0.9)))
        }
        _ = try Trainer.train(model: model, train: train, test: nil, config: config(epochs: spec[path: "epochs"]!.intValue!), rng: &rng)
        let denseWeights = model.flatParameters()
        var m = Measurements()
        m.scalars["dense-test-accuracy"] = Evaluation(model: model, data: test).accuracy
        m.scalars["dense-noisy-test-accuracy"] = Evaluation(model: model, data: noisy).accuracy
        m.scalars["parameters"] = Double(model.parameterCount)

        // The mask.
        let sparsity = spec[path: "sparsity"]!.doubleValue!
        var maskRNG = SeededGenerator(seed: seed &+ 0x3A5C)
        let mask: PruningMask
        switch spec[path: "method"]!.textValue! {
        case "magnitude": mask = try PruningMask.magnitude(model: model, sparsity: sparsity)
        case "random": mask = try PruningMask.random(model: model, sparsity: sparsity, rng: &maskRNG)
        default:
            // Random search: try each candidate for `trial` epochs from the dense weights, keep the
            // one with the best accuracy on a held-out fifth of the training set.
            let split = train.count * 4 / 5
            let trialSet = train.prefix(split), validation = train.subset(Array(split..<train.count))
            var best: (mask: PruningMask, accuracy: Double)? = nil
            for _ in 0..<spec[path: "candidates"]!.intValue! {
                let candidate = try PruningMask.random(model: model, sparsity: sparsity, rng: &maskRNG)
                try model.setFlatParameters(zip(denseWeights, candidate.keep).map { $0 * $1 })
                try model.setMask(candidate.keep)
                var trialRNG = SeededGenerator(seed: seed &+ 0x7A1)
                _ = try Trainer.train(model: model, train: trialSet, test: nil, config: config(epochs: spec[path: "trial"]!.intValue!), rng: &trialRNG)
                let accuracy = Evaluation(model: model, data: validation).accuracy
                if best == nil || accuracy > best!.accuracy { best = (candidate, accuracy) }
            }
            mask = best!.mask
        }
        try model.setFlatParameters(zip(denseWeights, mask.keep).map { $0 * $1 })
        try model.setMask(mask.keep)
        m.scalars["sparsity-measured"] = mask.sparsity
        m.scalars["pruned-test-accuracy"] = Evaluation(model: model, data: test).accuracy

        // Fine-tuning with the mask fixed (the model applies it after every update), recording the
        // unit statistics after every epoch.
        func record(_ e: Int) throws {
            let report = try DeadUnitReport.measure(model: model, data: train)
            let units = report.layers.reduce(0) { $0 + $1.units }
            m.series["epoch", default: []].append(Double(e))
            m.series["dead-rate", default: []].append(report.rate)
            m.series["inactive-rate", default: []].append(report.layers.reduce(0.0) { $0 + $1.inactiveFraction * Double($1.units) } / Double(max(units, 1)))
            m.series["test-accuracy", default: []].append(Evaluation(model: model, data: test).accuracy)
        }
        try record(0)
        let finetune = spec[path: "finetune"]!.intValue!
        let observer = TrainingObserver(afterEpoch: { _, epoch in
            try record(epoch.epoch)
            context.progress(RunProgress(epoch: epoch.epoch, epochs: finetune, loss: .nan, accuracy: m.series["test-accuracy"]!.last!))
            return .proceed
        })
        _ = try Trainer.train(model: model, train: train, test: nil, config: config(epochs: finetune), rng: &rng, observer: observer)
        m.scalars["final-test-accuracy"] = m.series["test-accuracy"]!.last!
        m.scalars["noisy-test-accuracy"] = Evaluation(model: model, data: noisy).accuracy
        m.scalars["final-dead-rate"] = m.series["dead-rate"]!.last!
        m.scalars["final-inactive-rate"] = m.series["inactive-rate"]!.last!
        return m
    }
}
