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
public struct InformationPlaneExperiment: ExperimentKind {
    public init() {}
    public var name: String { "information-plane" }
    public var version: String { "information-plane-3" }

    public var parameters: [SpecField] {
        [
            SpecField("activation", .choice(["tanh", "relu"]), default: .text("tanh"), "hidden-layer activation"),
            SpecField("hidden", .list(.integer(1...64), count: 1...8), default: .list([10, 7, 5, 4, 3].map { .integer($0) }),
                      "hidden widths (12 inputs, 2 outputs)"),
            SpecField("layer", .integer(1...8), default: .integer(1), "the hidden layer whose trajectory this run reports"),
            SpecField("middle", .choice(["first-bit", "random", "noisy-band"]), default: .text("first-bit"),
                      "label of inputs with Hamming weight 6: their first bit, or a fixed coin flip; noisy-band: the Datasets library's InformationBottleneckTask (weights 5–7 labelled at random with P(y=1) = 0.25, 0.5, 0.75)"),
            SpecField("train-fraction", .number(0.05...1), default: .number(0.8), "share of the 4096 inputs used for training"),
            SpecField("lr", .number(1e-6...1), default: .number(0.0004), "Adam learning rate"),
            SpecField("batch", .integer(1...4096), default: .integer(512)),
            SpecField("epochs", .integer(1...100000), default: .integer(3000)),
            SpecField("bins", .integer(2...100000), default: .integer(30), "bins per unit for the information plane"),
            SpecField("compare-bins", .list(.integer(2...100000), count: 0...8), default: .list([.integer(10), .integer(100)]),
                      "other bin counts for which I(X;T) is also recorded (series ixt-bins-B)"),
            SpecField("measure-points", .integer(2...1000), default: .integer(60), "epochs at which information is measured (log-spaced)"),
            SpecField("compression-threshold", .number(0...12), default: .number(0.5),
                      "drop of I(X;T) from its peak, in bits, that counts as compression (scalar layers-compressing)"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        let hidden = spec[path: "hidden"]?.listValue?.count ?? 0
        if let layer = spec[path: "layer"]?.intValue, layer > hidden {
            throw KindIssue(path: "layer", message: "layer \(layer) does not exist; the network has \(hidden) hidden layers")
        }
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["epochs": 40, "measure-points": 10])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        let compare = (spec[path: "compare-bins"]?.listValue ?? []).compactMap(\.intValue)
        return MetricCatalog(
            series: ["epoch", "epoch-plus-one", "ixt", "ity", "train-accuracy", "train-loss"] + compare.map { "ixt-bins-\($0)" },
            scalars: ["final-ity", "label-entropy", "ity-fraction", "peak-ixt", "final-ixt", "initial-ixt", "compression",
                      "layers-compressing", "max-compression", "final-train-accuracy", "input-entropy"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic 12-bit task" }

    /// The 12-bit surrogate task: inputs `(4096, 12)` in {0, 1} and labels.
    static func task(middle: String, seed: UInt64) throws -> LabeledData {
        var rng = SeededGenerator(seed: seed &+ 0x1234_5678_9ABC_DEF1)
        if middle == "noisy-band" {
            // The library's rows are most-significant bit first; symbols and MI do not depend on the order.
            return InformationBottleneckTask.make(rng: &rng)
        }
        var inputs = [Float](repeating: 0, count: 4096 * 12)   // (4096, 12)
        var labels = [Int](repeating: 0, count: 4096)
        for code in 0..<4096 {
            var weight = 0
            for bit in 0..<12 where code >> bit & 1 == 1 { inputs[code * 12 + bit] = 1; weight += 1 }
            if weight > 6 { labels[code] = 1 }
            else if weight == 6 { labels[code] = middle == "random" ? rng.nextInt(below: 2) : code & 1 }
        }
        return try LabeledData(inputs: Tensor(shape: [4096, 12], scalars: inputs), labels: labels, classes: 2)
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

    func train(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Trajectory {
        let activation: Activation = spec[path: "activation"]!.textValue! == "relu" ? .relu : .tanh
        let hidden = spec[path: "hidden"]!.listValue!.map { $0.intValue! }
        let bins = spec[path: "bins"]!.intValue!
        let compare = spec[path: "compare-bins"]!.listValue!.map { $0.intValue! }
        let epochs = spec[path: "epochs"]!.intValue!
        let all = try Self.task(middle: spec[path: "middle"]!.textValue!, seed: seed)
        var splitRNG = SeededGenerator(seed: seed &+ 0x0F0F_1E1E_2D2D_3C3C)
        let trainCount = max(1, Int((spec[path: "train-fraction"]!.doubleValue! * 4096).rounded()))
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

        let points = Self.measureEpochs(epochs: epochs, count: spec[path: "measure-points"]!.intValue!)
        try measure(epoch: 0)
        var failure: Error?
        let config = TrainingConfig(batchSize: min(spec[path: "batch"]!.intValue!, train.count), epochs: epochs,
                                    optimizer: .adam(.init(learningRate: spec[path: "lr"]!.doubleValue!)),
                                    evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: seed)
        _ = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { p in
            guard failure == nil, points.contains(p.epoch) else { return }
            do { try measure(epoch: p.epoch) } catch { failure = error }
            context.progress(RunProgress(epoch: p.epoch, epochs: epochs, loss: trajectory.trainLoss.last ?? .nan,
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

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let key = spec.setting(["layer"], to: .integer(0)).canonicalJSON + " seed \(seed)"
        let trajectory: Trajectory = try RunMemo.shared(in: context, name: name).value(key) {
            try train(spec, seed: seed, context: context)
        }
        let layer = spec[path: "layer"]!.intValue! - 1
        let threshold = spec[path: "compression-threshold"]!.doubleValue!
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
