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
public struct PruningExperiment: Experiment {
    public init() {}
    public var name: String { "pruning" }
    public var version: String { "pruning-1" }

    public struct Parameters: SpecRecord {
        enum Method: String, SpecChoice { case magnitude, random, randomSearch = "random-search" }
        var data = MixtureSection(train: 1000, test: 1000, clusters: 8, dimension: 30, separation: 4)
        var hidden = [256, 256]
        var lr = 0.05
        var batch = 50
        var epochs = 20
        var method = Method.magnitude
        var sparsity = 0.9
        var finetune = 10
        var candidates = 8
        var trial = 1
        var inputNoise = 1.0

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...4),
            SpecParameter("lr", \.lr, 1e-6...10),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000, "dense training epochs"),
            SpecParameter("method", \.method),
            SpecParameter("sparsity", \.sparsity, 0...0.999, "share of weights removed"),
            SpecParameter("finetune", \.finetune, 0...10000, "fine-tuning epochs with the mask fixed"),
            SpecParameter("candidates", \.candidates, 1...1000, "random-search: masks tried"),
            SpecParameter("trial", \.trial, 1...1000, "random-search: fine-tuning epochs per tried mask"),
            SpecParameter("input-noise", \.inputNoise, 0...100, "std of the Gaussian noise added to test inputs for robustness"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try checkBatch(p.batch, fits: p.data.train)
    }

    /// Shrinks sizes, epochs and every hidden width to at most 32.
    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        let p = (try? Parameters(specValue: spec)) ?? Parameters()
        return ["data.train": .integer(min(p.data.train, 100)),
                "data.test": .integer(min(p.data.test, 100)),
                "batch": .integer(min(p.batch, 50)),
                "epochs": .integer(min(p.epochs, 2)),
                "finetune": .integer(min(p.finetune, 2)),
                "candidates": .integer(min(p.candidates, 2)),
                "hidden": .list(p.hidden.map { .integer(min($0, 32)) })]
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "dead-rate", "inactive-rate", "test-accuracy"],
                      scalars: ["dense-test-accuracy", "pruned-test-accuracy", "final-test-accuracy", "noisy-test-accuracy",
                                "dense-noisy-test-accuracy", "final-dead-rate", "final-inactive-rate", "sparsity-measured", "parameters"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        var dataRNG = SeededGenerator(seed: 0x9E00_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: p.data.train, test: max(1, p.data.test), rng: &dataRNG)
        let test = testOptional!
        var noisy = test
        noisy.inputs.scalars = test.inputs.scalars.map { $0 + Float(p.inputNoise * dataRNG.nextNormal()) }
        let lr = p.lr, batch = p.batch, hidden = p.hidden

        // Dense training (the same for every method and sparsity with this seed).
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: [task.dimension], classes: task.classes, rng: &rng)
        // Momentum SGD (TrainingCore's `Trainer`); each call starts with zero momentum.
        func config(epochs: Int) -> TrainingConfig {
            TrainingConfig.kind(batch: batch, epochs: epochs, optimizer: .sgd(.init(learningRate: lr, momentum: 0.9)))
        }
        _ = try Trainer.train(model: model, train: train, test: nil, config: config(epochs: p.epochs), rng: &rng)
        let denseWeights = model.flatParameters()
        var m = Measurements()
        m.scalars["dense-test-accuracy"] = Evaluation(model: model, data: test).accuracy
        m.scalars["dense-noisy-test-accuracy"] = Evaluation(model: model, data: noisy).accuracy
        m.scalars["parameters"] = Double(model.parameterCount)

        // The mask.
        let sparsity = p.sparsity
        var maskRNG = SeededGenerator(seed: seed &+ 0x3A5C)
        let mask: PruningMask
        switch p.method {
        case .magnitude: mask = try PruningMask.magnitude(model: model, sparsity: sparsity)
        case .random: mask = try PruningMask.random(model: model, sparsity: sparsity, rng: &maskRNG)
        case .randomSearch:
            // Random search: try each candidate for `trial` epochs from the dense weights, keep the
            // one with the best accuracy on a held-out fifth of the training set.
            let split = train.count * 4 / 5
            let trialSet = train.prefix(split), validation = train.subset(Array(split..<train.count))
            var best: (mask: PruningMask, accuracy: Double)? = nil
            for _ in 0..<p.candidates {
                let candidate = try PruningMask.random(model: model, sparsity: sparsity, rng: &maskRNG)
                try model.setFlatParameters(zip(denseWeights, candidate.keep).map { $0 * $1 })
                try model.setMask(candidate.keep)
                var trialRNG = SeededGenerator(seed: seed &+ 0x7A1)
                _ = try Trainer.train(model: model, train: trialSet, test: nil, config: config(epochs: p.trial), rng: &trialRNG)
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
        let finetune = p.finetune
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
