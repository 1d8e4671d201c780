import Foundation
import TrainingCore
import Probes

/// `kind: first-epoch` — Arpit et al. (2017)'s first-epoch difficulty: train an MLP for one epoch
/// from `restarts` independent initializations (and shuffles) on the same data, count per example
/// how many restarts misclassify it, and compare the histogram of counts with the binomial of the
/// same mean. Real data is over-dispersed (some examples are always right, some always wrong);
/// noise data is close to binomial.
public struct FirstEpochExperiment: ExperimentKind {
    public init() {}
    public var name: String { "first-epoch" }
    public var version: String { "first-epoch-2" }

    public var parameters: [SpecField] {
        ImageSubset.fields(train: 1000) + [
            SpecField("hidden", .list(.integer(1...65536), count: 1...4), default: .list([.integer(512)]), "MLP hidden widths (ReLU)"),
            SpecField("lr", .number(1e-6...10), default: .number(0.01), "SGD learning rate"),
            SpecField("momentum", .number(0...0.999), default: .number(0.9)),
            SpecField("batch", .integer(1...4096), default: .integer(32)),
            SpecField("restarts", .integer(2...1000), default: .integer(50), "independent one-epoch trainings"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 200, "restarts": 6, "batch": 32])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["misclassified-runs", "observed-fraction", "binomial-fraction"],
                      scalars: ["dispersion-ratio", "mean-error-rate", "always-right", "always-wrong", "first-epoch-accuracy"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { try ImageSubset.digest(spec, context: context) }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let (data, _) = try ImageSubset.load(spec, seed: seed, context: context)
        let restarts = spec[path: "restarts"]!.intValue!
        let hidden = spec[path: "hidden"]!.listValue!.map { $0.intValue! }
        var predictions: [[Int]] = []
        var seeds = SeededGenerator(seed: seed &+ 0xA076_1D64_78BD_642F)
        for r in 0..<restarts {
            let config = TrainingConfig(batchSize: spec[path: "batch"]!.intValue!, epochs: 1,
                                        optimizer: .sgd(.init(learningRate: spec[path: "lr"]!.doubleValue!,
                                                              momentum: spec[path: "momentum"]!.doubleValue!)),
                                        evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: seeds.next())
            let (model, _) = try Trainer.run(architecture: .mlp(hidden: hidden, activation: .relu), train: data, test: nil, config: config)
            predictions.append(try Metrics.predictions(logits: try model.forward(data.inputs, training: false)))
            context.progress(RunProgress(epoch: r + 1, epochs: restarts, loss: .nan, accuracy: .nan))
        }
        let difficulty = try FirstEpochDifficulty(predictions: predictions, labels: data.labels)
        let histogram = try difficulty.histogram()
        let reference = try difficulty.reference()
        let n = Double(data.count)

        var m = Measurements()
        m.series["misclassified-runs"] = (0...restarts).map(Double.init)
        m.series["observed-fraction"] = histogram.map { Double($0) / n }
        m.series["binomial-fraction"] = reference.expectedHistogram(examples: data.count).map { $0 / n }
        m.scalars["dispersion-ratio"] = try difficulty.dispersionRatio()
        m.scalars["mean-error-rate"] = reference.probability
        m.scalars["first-epoch-accuracy"] = 1 - reference.probability
        m.scalars["always-right"] = Double(histogram.first!) / n
        m.scalars["always-wrong"] = Double(histogram.last!) / n
        return m
    }
}
