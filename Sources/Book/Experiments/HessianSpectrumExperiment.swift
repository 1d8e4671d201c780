import Foundation
import TrainingCore
import Probes

/// `kind: hessian-spectrum` — Sagun et al. (2017) at CPU scale: trains a small MLP on a Gaussian
/// mixture, then diagonalizes its exact training-loss Hessian (Float64, one R-pass per parameter,
/// LAPACK `dsyev`) and reports the bulk and the outliers.
///
/// Outliers are counted two ways: by the largest gap among the top eigenvalues
/// (``HessianSpectrum/outlierCountByLargestGap(window:)``) and as eigenvalues above
/// `outlier-fraction × λ_max`. "Near zero" means `|λ| < near-zero × λ_max`.
public struct HessianSpectrumExperiment: ExperimentKind {
    public init() {}
    public var name: String { "hessian-spectrum" }
    public var version: String { "hessian-spectrum-2" }

    public var parameters: [SpecField] {
        [
            GaussianMixtureTask.fields(train: 300, test: 300, clusters: 4, dimension: 10, separation: 6),
            SpecField("hidden", .list(.integer(1...512), count: 1...3), default: .list([.integer(32)]), "hidden widths"),
            SpecField("width", .integer(0...512), default: .integer(0), "if > 0: one hidden layer of this width (replaces hidden; a number, so claims can sweep it)"),
            SpecField("activation", .choice(["tanh", "relu"]), default: .text("tanh")),
            SpecField("lr", .number(1e-6...10), default: .number(0.05)),
            SpecField("momentum", .number(0...0.999), default: .number(0.9)),
            SpecField("batch", .integer(1...100000), default: .integer(30)),
            SpecField("epochs", .integer(1...10000), default: .integer(100)),
            SpecField("near-zero", .number(0...1), default: .number(1e-3), "|λ| below this share of λ_max counts as near zero"),
            SpecField("outlier-fraction", .number(0...1), default: .number(0.05), "λ above this share of λ_max counts as an outlier"),
            SpecField("max-parameters", .integer(10...6000), default: .integer(3000), "refuse networks larger than this (exact Hessian)"),
        ]
    }

    /// The hidden widths: `[width]` when `width > 0`, else `hidden`.
    static func hiddenWidths(_ spec: SpecValue) -> [Int] {
        let width = spec[path: "width"]!.intValue!
        return width > 0 ? [width] : spec[path: "hidden"]!.listValue!.map { $0.intValue! }
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        let task = GaussianMixtureTask(spec: spec)
        let widths = [task.dimension] + HessianSpectrumExperiment.hiddenWidths(spec) + [task.classes]
        let p = SmallNetwork.parameterCount(widths: widths)
        if p > spec[path: "max-parameters"]!.intValue! {
            throw KindIssue(path: "hidden", message: "the network has \(p) parameters; the exact Hessian is limited to max-parameters = \(spec[path: "max-parameters"]!.intValue!)")
        }
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        ["data.train": .integer(min(spec[path: "data.train"]!.intValue!, 60)),
         "data.test": .integer(min(spec[path: "data.test"]!.intValue!, 60)),
         "epochs": .integer(min(spec[path: "epochs"]!.intValue!, 3)),
         "batch": .integer(min(spec[path: "batch"]!.intValue!, 30)),
         "hidden": .list(spec[path: "hidden"]!.listValue!.map { .integer(min($0.intValue!, 8)) }),
         "width": .integer(min(spec[path: "width"]!.intValue!, 8))]
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["rank", "eigenvalue", "top-rank", "top-eigenvalue"],
                      scalars: ["outliers-gap", "outliers", "near-zero", "near-zero-fraction", "negative", "top", "parameters",
                                "classes", "train-loss", "train-accuracy", "test-accuracy"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic" }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = GaussianMixtureTask(spec: spec)
        var dataRNG = SeededGenerator(seed: 0x5A6E_0000 &+ seed)
        let (train, test) = try task.sample(train: spec[path: "data.train"]!.intValue!, test: spec[path: "data.test"]!.intValue!, rng: &dataRNG)
        let model = try HessianSpectrumExperiment.trainedModel(spec, train: train, seed: seed, context: context)
        let network = try SmallNetwork(model: model)
        let spectrum = try network.hessianSpectrum(inputs: train.float64Inputs, labels: train.labels)
        let descending = Array(spectrum.eigenvalues.reversed())
        let top = descending[0]
        var m = Measurements()
        m.series["rank"] = descending.indices.map { Double($0 + 1) }
        m.series["eigenvalue"] = descending
        let shown = min(30, descending.count)
        m.series["top-rank"] = (1...shown).map(Double.init)
        m.series["top-eigenvalue"] = Array(descending.prefix(shown))
        m.scalars["outliers-gap"] = Double(spectrum.outlierCountByLargestGap(window: 50))
        m.scalars["outliers"] = Double(spectrum.count(above: spec[path: "outlier-fraction"]!.doubleValue! * top))
        let nz = spectrum.nearZeroCount(tolerance: spec[path: "near-zero"]!.doubleValue! * top)
        m.scalars["near-zero"] = Double(nz)
        m.scalars["near-zero-fraction"] = Double(nz) / Double(descending.count)
        m.scalars["negative"] = Double(spectrum.negativeCount(tolerance: spec[path: "near-zero"]!.doubleValue! * top))
        m.scalars["top"] = top
        m.scalars["parameters"] = Double(network.parameterCount)
        m.scalars["classes"] = Double(task.classes)
        let trainEval = Evaluation(model: model, data: train)
        m.scalars["train-loss"] = trainEval.loss
        m.scalars["train-accuracy"] = trainEval.accuracy
        if let test { m.scalars["test-accuracy"] = Evaluation(model: model, data: test).accuracy }
        return m
    }

    /// Momentum SGD on `train` as the spec says (TrainingCore's `Trainer`); weights drawn from `seed`.
    static func trainedModel(_ spec: SpecValue, train: LabeledData, seed: UInt64, context: RunContext) throws -> Model {
        var rng = SeededGenerator(seed: seed)
        let activation: Activation = spec[path: "activation"]!.textValue! == "relu" ? .relu : .tanh
        let hidden = HessianSpectrumExperiment.hiddenWidths(spec)
        let model = try Model(architecture: .mlp(hidden: hidden, activation: activation), inputShape: [train.sampleSize],
                              classes: train.classes, rng: &rng)
        let lr = spec[path: "lr"]!.doubleValue!, epochs = spec[path: "epochs"]!.intValue!
        let config = TrainingConfig.kind(batch: spec[path: "batch"]!.intValue!, epochs: epochs,
                                         optimizer: .sgd(.init(learningRate: lr, momentum: spec[path: "momentum"]!.doubleValue!)))
        let history = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { p in
            // The running mean of the epoch's batch losses.
            if p.epoch % 10 == 0 || p.epoch == epochs { context.progress(RunProgress(epoch: p.epoch, epochs: epochs, loss: p.trainLoss, accuracy: .nan)) }
        })
        if history.stopReason == .diverged {
            throw BookError("training diverged at epoch \(history.epochs.count) (lr \(lr) too large?)")
        }
        return model
    }
}
