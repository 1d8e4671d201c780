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
public struct MeasuresExperiment: ExperimentKind {
    public init() {}
    public var name: String { "measures" }
    public var version: String { "measures-1" }

    /// Measure names, in table order.
    static let measureNames = ["frobenius", "spectral", "path", "parameter-norm", "distance", "inverse-margin",
                               "spectral-over-margin", "sharpness", "sharpness-magnitude", "pac-bayes"]
    /// The sharpness-based measures (Jiang et al.'s best family).
    static let sharpnessFamily = ["sharpness", "sharpness-magnitude", "pac-bayes"]

    public var parameters: [SpecField] {
        [
            GaussianMixtureTask.fields(train: 200, test: 1000, clusters: 8, dimension: 20, separation: 2.5),
            SpecField("widths", .list(.integer(1...2048), count: 1...6), default: .list([.integer(16), .integer(64), .integer(256)])),
            SpecField("depths", .list(.integer(1...4), count: 1...4), default: .list([.integer(1), .integer(2)])),
            SpecField("lrs", .list(.number(1e-5...10), count: 1...4), default: .list([.number(0.02), .number(0.1)])),
            SpecField("batches", .list(.integer(1...100000), count: 1...4), default: .list([.integer(16), .integer(64)])),
            SpecField("target-loss", .number(1e-6...10), default: .number(0.05), "train each model until its training cross-entropy is at most this"),
            SpecField("max-epochs", .integer(1...100000), default: .integer(500)),
            SpecField("noise-samples", .integer(1...1000), default: .integer(8), "noise draws per σ in the flatness search"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        let n = spec[path: "data.train"]!.intValue!
        if let b = spec[path: "batches"]!.listValue!.first(where: { $0.intValue! > n }) {
            throw KindIssue(path: "batches", message: "batch \(b.intValue!) exceeds the \(n) training examples")
        }
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        ["data.train": .integer(min(spec[path: "data.train"]!.intValue!, 60)),
         "data.test": .integer(min(spec[path: "data.test"]!.intValue!, 100)),
         "widths": .list([.integer(8), .integer(16)]), "depths": .list([.integer(1)]),
         "batches": .list([.integer(16)]), "max-epochs": .integer(20), "noise-samples": .integer(2)]
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["model", "gap", "test-error", "epochs"] + MeasuresExperiment.measureNames,
                      scalars: MeasuresExperiment.measureNames.map { "tau-\($0)" }
                        + ["models", "excluded", "best-sharpness-rank", "best-tau", "mean-gap"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic" }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = GaussianMixtureTask(spec: spec)
        var dataRNG = SeededGenerator(seed: 0x3EA5_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: spec[path: "data.train"]!.intValue!, test: max(1, spec[path: "data.test"]!.intValue!), rng: &dataRNG)
        let test = testOptional!
        let target = spec[path: "target-loss"]!.doubleValue!, maxEpochs = spec[path: "max-epochs"]!.intValue!
        let samples = spec[path: "noise-samples"]!.intValue!
        var grid: [(width: Int, depth: Int, lr: Double, batch: Int)] = []
        for w in spec[path: "widths"]!.listValue! { for d in spec[path: "depths"]!.listValue! {
            for lr in spec[path: "lrs"]!.listValue! { for b in spec[path: "batches"]!.listValue! {
                grid.append((w.intValue!, d.intValue!, lr.doubleValue!, b.intValue!))
            } } } }

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
