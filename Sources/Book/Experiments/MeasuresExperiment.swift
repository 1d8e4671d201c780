import Foundation
import TrainingCore
import Probes

/// `kind: measures` — Jiang et al. (2020) at CPU scale: one run trains a grid of MLPs (widths ×
/// depths × learning rates × batch sizes) on one Gaussian-mixture task, each until its training
/// cross-entropy falls to `target-loss`, then computes norm-, margin- and sharpness-based measures
/// and Kendall's τ of each against the generalization gap (test error − training error) across
/// the models that reached the target.
///
/// Every measure is oriented so that *larger* should mean a *larger* gap (so τ > 0 is the
/// expected direction): log products of Frobenius / spectral norms, log path norm, ‖θ‖²,
/// ‖θ − θ₀‖, 1/γ² (γ the 10% margin quantile), log spectral product / γ², and the PAC-Bayes
/// flatness measures 1/σ² and 1/σ'² (magnitude-aware), with σ the largest weight-noise scale
/// raising the training error by at most 0.1, and the PAC-Bayes bound from σ.
public struct MeasuresExperiment: Experiment {
    public init() {}
    public var name: String { "measures" }
    public var version: String { "measures-1" }

    /// Measure names, in table order.
    static let measureNames = ["frobenius", "spectral", "path", "parameter-norm", "distance", "inverse-margin",
                               "spectral-over-margin", "sharpness", "sharpness-magnitude", "pac-bayes"]
    /// The sharpness-based measures (Jiang et al.'s best family).
    static let sharpnessFamily = ["sharpness", "sharpness-magnitude", "pac-bayes"]

    public struct Parameters: SpecRecord {
        var data = MixtureSection(train: 200, test: 1000, clusters: 8, dimension: 20, separation: 2.5)
        var widths = [16, 64, 256]
        var depths = [1, 2]
        var lrs = [0.02, 0.1]
        var batches = [16, 64]
        var targetLoss = 0.05
        var maxEpochs = 500
        var noiseSamples = 8

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("widths", \.widths, 1...2048, count: 1...6),
            SpecParameter("depths", \.depths, 1...4, count: 1...4),
            SpecParameter("lrs", \.lrs, 1e-5...10, count: 1...4),
            SpecParameter("batches", \.batches, 1...100000, count: 1...4),
            SpecParameter("target-loss", \.targetLoss, 1e-6...10, "train each model until its training cross-entropy is at most this"),
            SpecParameter("max-epochs", \.maxEpochs, 1...100000),
            SpecParameter("noise-samples", \.noiseSamples, 1...1000, "noise draws per σ in the flatness search"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        if let b = p.batches.first(where: { $0 > p.data.train }) {
            throw KindIssue(path: "batches", message: "batch \(b) exceeds the \(p.data.train) training examples")
        }
    }

    /// Shrinks the data and the grid.
    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        let p = (try? Parameters(specValue: spec)) ?? Parameters()
        return ["data.train": .integer(min(p.data.train, 60)),
                "data.test": .integer(min(p.data.test, 100)),
                "widths": .list([.integer(8), .integer(16)]), "depths": .list([.integer(1)]),
                "batches": .list([.integer(16)]), "max-epochs": .integer(20), "noise-samples": .integer(2)]
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["model", "gap", "test-error", "epochs"] + MeasuresExperiment.measureNames,
                      scalars: MeasuresExperiment.measureNames.map { "tau-\($0)" }
                        + ["models", "excluded", "best-sharpness-rank", "best-tau", "mean-gap"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        var dataRNG = SeededGenerator(seed: 0x3EA5_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: p.data.train, test: max(1, p.data.test), rng: &dataRNG)
        let test = testOptional!
        let target = p.targetLoss, maxEpochs = p.maxEpochs, samples = p.noiseSamples
        var grid: [(width: Int, depth: Int, lr: Double, batch: Int)] = []
        for w in p.widths { for d in p.depths { for lr in p.lrs { for b in p.batches { grid.append((w, d, lr, b)) } } } }

        var m = Measurements()
        var excluded = 0
        for (index, config) in grid.enumerated() {
            var rng = SeededGenerator(seed: seed &* 1000 &+ UInt64(index))
            let model = try Model(architecture: .mlp(hidden: [Int](repeating: config.width, count: config.depth), activation: .relu),
                                  inputShape: [task.dimension], classes: task.classes, rng: &rng)
            let initial = model.flatParameters()
            // Momentum SGD until the training loss (evaluated after each epoch) reaches the target.
            var trainingConfig = TrainingConfig.kind(batch: config.batch, epochs: maxEpochs,
                                                     optimizer: .sgd(.init(learningRate: config.lr, momentum: 0.9)))
            trainingConfig.evaluateTrainSet = true
            trainingConfig.targetTrainLoss = target
            let history = try Trainer.train(model: model, train: train, test: nil, config: trainingConfig, rng: &rng)
            let reached = history.stopReason == .reachedTarget, epochs = history.epochs.count
            context.progress(RunProgress(epoch: index + 1, epochs: grid.count, loss: .nan, accuracy: .nan))
            guard reached else { excluded += 1; continue }
            let trainError = 1 - Evaluation(model: model, data: train).accuracy
            let testError = 1 - Evaluation(model: model, data: test).accuracy
            var probeRNG = SeededGenerator(seed: seed &+ 77 &+ UInt64(index))
            let g = try GeneralizationMeasures.compute(model: model, train: train, initialParameters: initial, rng: &probeRNG)
            let sigma = try PerturbationSharpness(samples: samples).sigma(model: model, data: train, rng: &probeRNG)
            let sigmaMagnitude = try PerturbationSharpness(samples: samples, magnitudeAware: true).sigma(model: model, data: train, rng: &probeRNG)
            let distance = g.distanceFromInitialization ?? .nan
            let values: [String: Double] = [
                "frobenius": g.logProductOfFrobeniusNorms, "spectral": g.logProductOfSpectralNorms, "path": g.logPathNorm,
                "parameter-norm": g.parameterNormSquared, "distance": distance,
                "inverse-margin": g.inverseMarginSquared ?? .infinity,
                "spectral-over-margin": g.logSpectralProductOverMargin ?? .infinity,
                "sharpness": 1 / (sigma * sigma), "sharpness-magnitude": 1 / (sigmaMagnitude * sigmaMagnitude),
                "pac-bayes": PerturbationSharpness.pacBayesBound(sigma: sigma, distanceFromInitialization: distance, examples: train.count),
            ]
            m.series["model", default: []].append(Double(index))
            m.series["gap", default: []].append(testError - trainError)
            m.series["test-error", default: []].append(testError)
            m.series["epochs", default: []].append(Double(epochs))
            for name in MeasuresExperiment.measureNames { m.series[name, default: []].append(values[name]!) }
        }
        let gaps = m.series["gap"] ?? []
        m.scalars["models"] = Double(gaps.count)
        m.scalars["excluded"] = Double(excluded)
        m.scalars["mean-gap"] = gaps.isEmpty ? .nan : gaps.reduce(0, +) / Double(gaps.count)
        var taus: [String: Double] = [:]
        for name in MeasuresExperiment.measureNames {
            let tau = gaps.count >= 2 ? ((try? Statistics.kendallTau(m.series[name]!, gaps)) ?? .nan) : .nan
            taus[name] = tau
            m.scalars["tau-\(name)"] = tau
        }
        let ranked = taus.filter { $0.value.isFinite }.sorted { $0.value > $1.value }.map(\.key)
        m.scalars["best-tau"] = taus[ranked.first ?? ""] ?? .nan
        m.scalars["best-sharpness-rank"] = ranked.firstIndex { MeasuresExperiment.sharpnessFamily.contains($0) }.map { Double($0 + 1) } ?? .nan
        return m
    }
}
