import Foundation
import TrainingCore
import Probes
import Datasets

/// `kind: information-plane` — trains the 12-10-7-5-4-3-2 network of Shwartz-Ziv & Tishby (2017) on
/// a 12-bit task and records each hidden layer's information-plane coordinates `I(X;T)`, `I(T;Y)`
/// over training with the binning estimator (Saxe et al. 2018 for ReLU: bins on `[0, max]`).
///
/// The task is a surrogate of the original (not redistributable) data: all 4096 inputs in
/// `{0, 1}¹²`, label 1 when the Hamming weight exceeds 6, 0 below 6, and on the middle band
/// (weight exactly 6) either the first bit (`middle: first-bit`, learnable) or a fixed coin flip
/// (`middle: random`); `middle: noisy-band` takes the Datasets library's ``InformationBottleneckTask``. Training uses a random `train-fraction` of the inputs; information is
/// measured on all 4096. One training serves every `layer` of the same spec and seed: the runs of a
/// sweep over `layer` share it through a build-wide memo, so a cold build trains once.
public struct InformationPlaneExperiment: Experiment {
    public struct Parameters: SpecRecord {
        var activation = TanhOrReLU.tanh
        var hidden = [10, 7, 5, 4, 3]
        var layer = 1
        var middle = InformationBottleneckTask.Middle.firstBit
        var trainFraction = 0.8
        var lr = 0.0004
        var batch = 512
        var epochs = 3000
        var bins = 30
        var compareBins = [10, 100]
        var measurePoints = 60
        var compressionThreshold = 0.5
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("activation", \.activation, "hidden-layer activation"),
            SpecParameter("hidden", \.hidden, 1...64, count: 1...8, "hidden widths (12 inputs, 2 outputs)"),
            SpecParameter("layer", \.layer, 1...8, "the hidden layer whose trajectory this run reports"),
            SpecParameter("middle", \.middle,
                          "label of inputs with Hamming weight 6: their first bit, or a fixed coin flip; noisy-band: the Datasets library's InformationBottleneckTask (weights 5–7 labelled at random with P(y=1) = 0.25, 0.5, 0.75)"),
            SpecParameter("train-fraction", \.trainFraction, 0.05...1, "share of the 4096 inputs used for training"),
            SpecParameter("lr", \.lr, 1e-6...1, "Adam learning rate"),
            SpecParameter("batch", \.batch, 1...4096),
            SpecParameter("epochs", \.epochs, 1...100000),
            SpecParameter("bins", \.bins, 2...100000, "bins per unit for the information plane"),
            SpecParameter("compare-bins", \.compareBins, 2...100000, count: 0...8,
                          "other bin counts for which I(X;T) is also recorded (series ixt-bins-B)"),
            SpecParameter("measure-points", \.measurePoints, 2...1000, "epochs at which information is measured (log-spaced)"),
            SpecParameter("compression-threshold", \.compressionThreshold, 0...12,
                          "drop of I(X;T) from its peak, in bits, that counts as compression (scalar layers-compressing)"),
        ]
        public init() {}
    }

    public init() {}
    public var name: String { "information-plane" }
    public var version: String { "information-plane-3" }
    public var quickCaps: KeyValuePairs<String, Int> { ["epochs": 40, "measure-points": 10] }

    public func check(_ p: Parameters) throws(KindIssue) {
        if p.layer > p.hidden.count {
            throw KindIssue(path: "layer", message: "layer \(p.layer) does not exist; the network has \(p.hidden.count) hidden layers")
        }
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(
            series: ["epoch", "epoch-plus-one", "ixt", "ity", "train-accuracy", "train-loss"] + p.compareBins.map { "ixt-bins-\($0)" },
            scalars: ["final-ity", "label-entropy", "ity-fraction", "peak-ixt", "final-ixt", "initial-ixt", "compression",
                      "layers-compressing", "max-compression", "final-train-accuracy", "input-entropy"])
    }

    /// The 12-bit task of a run (its labels on the middle band depend on the seed).
    static func task(middle: InformationBottleneckTask.Middle, seed: UInt64) -> LabeledData {
        var rng = SeededGenerator(seed: seed &+ 0x1234_5678_9ABC_DEF1)
        return InformationBottleneckTask.make(middle: middle, rng: &rng)
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        var shared = p
        shared.layer = 0
        let key = shared.specValue.canonicalJSON + " seed \(seed)"
        let trajectory: Trajectory = try RunMemo.shared(in: context, name: name).value(key) {
            try train(p, seed: seed, context: context)
        }
        let layer = p.layer - 1
        let threshold = p.compressionThreshold
        let compressions = trajectory.ixt.map(Self.compression)
        let ixt = trajectory.ixt[layer], ity = trajectory.ity[layer]

        var m = Measurements()
        m.series["epoch"] = trajectory.epochs
        m.series["epoch-plus-one"] = trajectory.epochs.map { $0 + 1 }   // for log-scale axes
        m.series["ixt"] = ixt
        m.series["ity"] = ity
        m.series["train-accuracy"] = trajectory.trainAccuracy
        m.series["train-loss"] = trajectory.trainLoss
        for (b, values) in trajectory.ixtByBins { m.series["ixt-bins-\(b)"] = values[layer] }
        m.scalars["label-entropy"] = trajectory.labelEntropy
        m.scalars["final-ity"] = ity.last ?? .nan
        m.scalars["ity-fraction"] = (ity.last ?? .nan) / trajectory.labelEntropy
        m.scalars["initial-ixt"] = ixt.first ?? .nan
        m.scalars["peak-ixt"] = ixt.max() ?? .nan
        m.scalars["final-ixt"] = ixt.last ?? .nan
        m.scalars["compression"] = compressions[layer]
        m.scalars["layers-compressing"] = Double(compressions.filter { $0 >= threshold }.count)
        m.scalars["max-compression"] = compressions.max() ?? .nan
        m.scalars["final-train-accuracy"] = trajectory.trainAccuracy.last ?? .nan
        m.scalars["input-entropy"] = 12
        return m
    }
}
