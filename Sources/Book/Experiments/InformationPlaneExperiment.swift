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
        enum ActivationName: String, SpecChoice { case tanh, relu }
        var activation = ActivationName.tanh
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

    /// What one training records for every hidden layer.
    struct Trajectory: Sendable {
        var epochs: [Double] = []
        var ixt: [[Double]] = []                 // [layer][point]
        var ity: [[Double]] = []                 // [layer][point]
        var ixtByBins: [Int: [[Double]]] = [:]    // bins → [layer][point]
        var trainAccuracy: [Double] = []
        var trainLoss: [Double] = []
        var labelEntropy = 0.0
    }

    func train(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Trajectory {
        let activation: Activation = p.activation == .relu ? .relu : .tanh
        let (hidden, bins, compare, epochs) = (p.hidden, p.bins, p.compareBins, p.epochs)
        let all = Self.task(middle: p.middle, seed: seed)
        var splitRNG = SeededGenerator(seed: seed &+ 0x0F0F_1E1E_2D2D_3C3C)
        let trainCount = max(1, Int((p.trainFraction * 4096).rounded()))
        let train = all.subset(Array(splitRNG.permutation(4096).prefix(trainCount)).sorted())

        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: hidden, activation: activation), inputShape: [12], classes: 2, rng: &rng)
        let inputSymbols = Array(0..<4096)        // every input is distinct: H(X) = 12 bits
        var trajectory = Trajectory()
        trajectory.labelEntropy = MutualInformation.entropy(all.labels)
        trajectory.ixt = Array(repeating: [], count: hidden.count)
        trajectory.ity = Array(repeating: [], count: hidden.count)
        for b in compare { trajectory.ixtByBins[b] = Array(repeating: [], count: hidden.count) }

        func measure(epoch: Int) throws {
            let logits = try model.forward(all.inputs, training: false)
            let loss = try Loss.crossEntropy.meanLoss(logits: logits, labels: all.labels)
            var correct = 0
            for i in 0..<4096 where (logits.scalars[2 * i + 1] > logits.scalars[2 * i] ? 1 : 0) == all.labels[i] { correct += 1 }
            trajectory.epochs.append(Double(epoch))
            trajectory.trainAccuracy.append(Double(correct) / 4096)
            trajectory.trainLoss.append(Double(loss))
            for layer in hidden.indices {
                let t = try model.activations(ofLayer: layer)          // (4096, width)
                let units = hidden[layer]
                func binning(_ count: Int) throws -> ActivationBinning {
                    activation == .tanh ? try .tanh(bins: count) : try .relu(activations: t.scalars, bins: count)
                }
                let point = try MutualInformation.informationPlane(activations: t.scalars, count: 4096, units: units,
                                                                   inputSymbols: inputSymbols, labels: all.labels,
                                                                   binning: try binning(bins))
                trajectory.ixt[layer].append(point.inputInformation)
                trajectory.ity[layer].append(point.labelInformation)
                for b in compare {
                    let symbols = try MutualInformation.layerSymbols(activations: t.scalars, count: 4096, units: units, binning: try binning(b))
                    trajectory.ixtByBins[b]![layer].append(MutualInformation.entropy(symbols))   // I(X;T) = H(T)
                }
            }
        }

        let points = Self.measureEpochs(epochs: epochs, count: p.measurePoints)
        try measure(epoch: 0)
        var failure: Error?
        let config = TrainingConfig(batchSize: min(p.batch, train.count), epochs: epochs,
                                    optimizer: .adam(.init(learningRate: p.lr)),
                                    evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: seed)
        _ = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { progress in
            guard failure == nil, points.contains(progress.epoch) else { return }
            do { try measure(epoch: progress.epoch) } catch { failure = error }
            context.progress(RunProgress(epoch: progress.epoch, epochs: epochs, loss: trajectory.trainLoss.last ?? .nan,
                                         accuracy: trajectory.trainAccuracy.last ?? .nan))
        })
        if let failure { throw failure }
        return trajectory
    }

    /// `count` distinct epochs in `1...epochs`, roughly log-spaced, always including the last.
    static func measureEpochs(epochs: Int, count: Int) -> Set<Int> {
        var set: Set<Int> = [epochs]
        for k in 0..<count {
            let e = Int((pow(Double(epochs), Double(k) / Double(max(count - 1, 1)))).rounded())
            set.insert(min(max(e, 1), epochs))
        }
        return set
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

    /// How far `I(X;T)` falls after rising: the largest `ixt[p] − min(ixt after p)` over points `p`
    /// that lie above some earlier point (the curve rose into `p`). A curve that only falls from its
    /// first value has not "risen then fallen" and gets 0.
    static func compression(_ ixt: [Double]) -> Double {
        guard ixt.count > 2 else { return 0 }
        var lowestBefore = ixt[0]
        var lowestAfter = [Double](repeating: .infinity, count: ixt.count)   // min(ixt[p+1...])
        for p in stride(from: ixt.count - 2, through: 0, by: -1) { lowestAfter[p] = min(lowestAfter[p + 1], ixt[p + 1]) }
        var best = 0.0
        for p in 1..<(ixt.count - 1) {
            if ixt[p] > lowestBefore { best = max(best, ixt[p] - lowestAfter[p]) }
            lowestBefore = min(lowestBefore, ixt[p])
        }
        return best
    }
}
