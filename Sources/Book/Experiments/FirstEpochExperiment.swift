import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: first-epoch` — Arpit et al. (2017)'s first-epoch difficulty: train an MLP for one epoch
/// from `restarts` independent initializations (and shuffles) on the same data, count per example
/// how many restarts misclassify it, and compare the histogram of counts with the binomial of the
/// same mean. Real data is over-dispersed (some examples are always right, some always wrong);
/// noise data is close to binomial.
public struct FirstEpochExperiment: Experiment {
    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 1000)
        var corruption = NoiseSection()
        var hidden = [512]
        var lr = 0.01
        var momentum = 0.9
        var batch = 32
        var restarts = 50
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("corruption", \.corruption),
            SpecParameter("hidden", \.hidden, 1...65536, count: 1...4, "MLP hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "SGD learning rate"),
            SpecParameter("momentum", \.momentum, 0...0.999),
            SpecParameter("batch", \.batch, 1...4096),
            SpecParameter("restarts", \.restarts, 2...1000, "independent one-epoch trainings"),
        ]
        public init() {}
    }

    public init() {}
    public var name: String { "first-epoch" }
    public var version: String { "first-epoch-2" }
    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 200, "restarts": 6, "batch": 32] }

    public func check(_ p: Parameters) throws(KindIssue) { try checkBatch(p.batch, fits: p.data.train) }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["misclassified-runs", "observed-fraction", "binomial-fraction"],
                      scalars: ["dispersion-ratio", "mean-error-rate", "always-right", "always-wrong", "first-epoch-accuracy"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let data = try p.data.load(corruption: p.corruption.corruption, seed: seed).train
        var predictions: [[Int]] = []
        var seeds = SeededGenerator(seed: seed &+ 0xA076_1D64_78BD_642F)
        for r in 0..<p.restarts {
            let config = TrainingConfig(batchSize: p.batch, epochs: 1, optimizer: .sgd(.init(learningRate: p.lr, momentum: p.momentum)),
                                        evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: seeds.next())
            let (model, _) = try Trainer.run(architecture: .mlp(hidden: p.hidden, activation: .relu), train: data, test: nil, config: config)
            predictions.append(try Metrics.predictions(logits: try model.forward(data.inputs, training: false)))
            context.progress(RunProgress(epoch: r + 1, epochs: p.restarts, loss: .nan, accuracy: .nan))
        }
        let difficulty = try FirstEpochDifficulty(predictions: predictions, labels: data.labels)
        let histogram = try difficulty.histogram()
        let reference = try difficulty.reference()
        let n = Double(data.count)

        var m = Measurements()
        m.series["misclassified-runs"] = (0...p.restarts).map(Double.init)
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
