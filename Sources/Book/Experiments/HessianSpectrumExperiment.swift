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
public struct HessianSpectrumExperiment: Experiment {
    public init() {}
    public var name: String { "hessian-spectrum" }
    public var version: String { "hessian-spectrum-2" }

    public struct Parameters: SpecRecord {
        var data = MixtureSection(train: 300, test: 300, clusters: 4, dimension: 10, separation: 6)
        var hidden = [32]
        var width = 0
        var activation = TanhOrReLU.tanh
        var lr = 0.05
        var momentum = 0.9
        var batch = 30
        var epochs = 100
        var nearZero = 1e-3
        var outlierFraction = 0.05
        var maxParameters = 3000

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("hidden", \.hidden, 1...512, count: 1...3, "hidden widths"),
            SpecParameter("width", \.width, 0...512, "if > 0: one hidden layer of this width (replaces hidden; a number, so claims can sweep it)"),
            SpecParameter("activation", \.activation),
            SpecParameter("lr", \.lr, 1e-6...10),
            SpecParameter("momentum", \.momentum, 0...0.999),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000),
            SpecParameter("near-zero", \.nearZero, 0...1, "|λ| below this share of λ_max counts as near zero"),
            SpecParameter("outlier-fraction", \.outlierFraction, 0...1, "λ above this share of λ_max counts as an outlier"),
            SpecParameter("max-parameters", \.maxParameters, 10...6000, "refuse networks larger than this (exact Hessian)"),
        ]
        public init() {}

        /// The hidden widths: `[width]` when `width > 0`, else `hidden`.
        var hiddenWidths: [Int] { width > 0 ? [width] : hidden }
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        let task = p.data.task
        let widths = [task.dimension] + p.hiddenWidths + [task.classes]
        let count = SmallNetwork.parameterCount(widths: widths)
        if count > p.maxParameters {
            throw KindIssue(path: "hidden", message: "the network has \(count) parameters; the exact Hessian is limited to max-parameters = \(p.maxParameters)")
        }
        try checkBatch(p.batch, fits: p.data.train)
    }

    /// Shrinks sizes and every hidden width to at most 8.
    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        let p = (try? Parameters(specValue: spec)) ?? Parameters()
        return ["data.train": .integer(min(p.data.train, 60)),
                "data.test": .integer(min(p.data.test, 60)),
                "epochs": .integer(min(p.epochs, 3)),
                "batch": .integer(min(p.batch, 30)),
                "hidden": .list(p.hidden.map { .integer(min($0, 8)) }),
                "width": .integer(min(p.width, 8))]
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["rank", "eigenvalue", "top-rank", "top-eigenvalue"],
                      scalars: ["outliers-gap", "outliers", "near-zero", "near-zero-fraction", "negative", "top", "parameters",
                                "classes", "train-loss", "train-accuracy", "test-accuracy"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        var dataRNG = SeededGenerator(seed: 0x5A6E_0000 &+ seed)
        let (train, test) = try task.sample(train: p.data.train, test: p.data.test, rng: &dataRNG)
        let model = try HessianSpectrumExperiment.trainedModel(p, train: train, seed: seed, context: context)
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
        m.scalars["outliers"] = Double(spectrum.count(above: p.outlierFraction * top))
        let nz = spectrum.nearZeroCount(tolerance: p.nearZero * top)
        m.scalars["near-zero"] = Double(nz)
        m.scalars["near-zero-fraction"] = Double(nz) / Double(descending.count)
        m.scalars["negative"] = Double(spectrum.negativeCount(tolerance: p.nearZero * top))
        m.scalars["top"] = top
        m.scalars["parameters"] = Double(network.parameterCount)
        m.scalars["classes"] = Double(task.classes)
        let trainEval = Evaluation(model: model, data: train)
        m.scalars["train-loss"] = trainEval.loss
        m.scalars["train-accuracy"] = trainEval.accuracy
        if let test { m.scalars["test-accuracy"] = Evaluation(model: model, data: test).accuracy }
        return m
    }

    /// Momentum SGD on `train` as the parameters say (TrainingCore's `Trainer`); weights drawn from `seed`.
    static func trainedModel(_ p: Parameters, train: LabeledData, seed: UInt64, context: RunContext) throws -> Model {
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: p.hiddenWidths, activation: p.activation.activation), inputShape: [train.sampleSize],
                              classes: train.classes, rng: &rng)
        let config = TrainingConfig.kind(batch: p.batch, epochs: p.epochs, optimizer: .sgd(.init(learningRate: p.lr, momentum: p.momentum)))
        let history = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { e in
            // The running mean of the epoch's batch losses.
            if e.epoch % 10 == 0 || e.epoch == p.epochs { context.progress(RunProgress(epoch: e.epoch, epochs: p.epochs, loss: e.trainLoss, accuracy: .nan)) }
        })
        if history.stopReason == .diverged {
            throw BookError("training diverged at epoch \(history.epochs.count) (lr \(p.lr) too large?)")
        }
        return model
    }
}
