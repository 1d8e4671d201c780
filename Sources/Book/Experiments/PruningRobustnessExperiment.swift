import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: pruning-robustness` — the robustness lottery (2022) at CPU scale: one dense MLP per seed on
/// Fashion-MNIST, pruned by three methods at several sparsities (each fine-tuned with its mask
/// fixed), every network tested on clean images and under three common corruptions in the style of
/// CIFAR-10-C: Gaussian noise, Gaussian blur and reduced contrast.
///
/// Robustness of a network is its mean over the corruptions of corrupted accuracy / clean accuracy
/// (so that a network is not called robust for being accurate); a pruned network's gain is its
/// robustness minus its dense parent's. Methods: `magnitude` (smallest |θ|), `random`, and
/// `gradient` (smallest first-order saliency |θ · ∂L/∂θ| on the training set, as SNIP, at the trained
/// dense weights); all global over the layers' weights.
///
/// "Some pruned network is more robust than its parent" is judged without the optimism of picking
/// the best of many noisy gains: the test images are split in two halves; the configuration with
/// the largest (smallest) gain on the first half is chosen, and its gain on the second half is
/// recorded as `best-gain-heldout` (`worst-gain-heldout`).
public struct PruningRobustnessExperiment: Experiment {
    public init() {}
    public var name: String { "pruning-robustness" }
    public var version: String { "pruning-robustness-1" }

    static let methods = ["magnitude", "random", "gradient"]
    static let corruptions = ["noise", "blur", "contrast"]

    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 3000, test: 2000, testLimit: 2...10000)
        var hidden = [256, 256]
        var lr = 0.01
        var batch = 64
        var epochs = 20
        var finetune = 3
        var sparsities = [0.5, 0.8, 0.9, 0.95]
        var noise = 0.2
        var blur = 1.0
        var contrast = 0.3

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...4, "MLP hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "SGD learning rate (momentum 0.9), dense training and fine-tuning"),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000, "dense training epochs"),
            SpecParameter("finetune", \.finetune, 0...10000, "fine-tuning epochs with each mask fixed"),
            SpecParameter("sparsities", \.sparsities, 0...0.999, count: 1...20, "shares of weights removed"),
            SpecParameter("noise", \.noise, 0...10, "std of the Gaussian noise added to pixels in [0, 1] (then clipped)"),
            SpecParameter("blur", \.blur, 0.1...10, "std in pixels of the Gaussian blur (kernel radius ⌈2σ⌉)"),
            SpecParameter("contrast", \.contrast, 0...1, "contrast factor c: x ↦ m + c (x − m) with m the image's mean"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try checkBatch(p.batch, fits: p.data.train)
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 200, "data.test": 200, "epochs": 2, "finetune": 1] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        var series = ["sparsity"]
        for method in Self.methods {
            series += ["\(method)-clean-accuracy", "\(method)-robustness", "\(method)-robustness-gain"]
            series += Self.corruptions.map { "\(method)-\($0)-accuracy" }
        }
        return MetricCatalog(series: series,
                             scalars: ["dense-clean-accuracy", "dense-robustness"] + Self.corruptions.map { "dense-\($0)-accuracy" }
                                + ["best-gain-heldout", "worst-gain-heldout", "best-gain-in-sample", "worst-gain-in-sample"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (train, testSet) = try p.data.source.loadCached()
        let test = testSet!
        var corruptionRNG = SeededGenerator(seed: seed, stream: "corruptions")
        let side = train.sampleShape.count == 3 ? (train.sampleShape[1], train.sampleShape[2]) : (28, 28)
        let views: [LabeledData] = [test] + [
            Self.noisy(test, std: p.noise, rng: &corruptionRNG),
            Self.blurred(test, sigma: p.blur, height: side.0, width: side.1),
            Self.lowContrast(test, factor: p.contrast),
        ]
        let halves = [Array(0..<(test.count / 2)), Array((test.count / 2)..<test.count)]
        /// Accuracy on every view, on each half of the test set: `[half][view]`.
        func accuracies(_ model: Model) -> [[Double]] {
            let predictions = views.map { Evaluation(model: model, data: $0).predictions }
            return halves.map { half in
                predictions.map { predicted in Double(half.filter { predicted[$0] == test.labels[$0] }.count) / Double(half.count) }
            }
        }
        /// Mean over corruptions of corrupted / clean accuracy, from `[view]` accuracies.
        func robustness(_ a: [Double]) -> Double { a.dropFirst().map { $0 / max(a[0], 1e-12) }.reduce(0, +) / Double(a.count - 1) }
        func whole(_ a: [[Double]]) -> [Double] { zip(a[0], a[1]).map { ($0 * Double(halves[0].count) + $1 * Double(halves[1].count)) / Double(test.count) } }

        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: p.hidden, activation: .relu), inputShape: train.sampleShape, classes: train.classes, rng: &rng)
        func config(epochs: Int) -> TrainingConfig {
            TrainingConfig.kind(batch: p.batch, epochs: epochs, optimizer: .sgd(.init(learningRate: p.lr, momentum: 0.9)))
        }
        _ = try Trainer.train(model: model, train: train, test: nil, config: config(epochs: p.epochs), rng: &rng)
        let dense = model.flatParameters()
        let denseHalves = accuracies(model), denseWhole = whole(denseHalves)
        var m = Measurements()
        m.scalars["dense-clean-accuracy"] = denseWhole[0]
        m.scalars["dense-robustness"] = robustness(denseWhole)
        for (c, name) in Self.corruptions.enumerated() { m.scalars["dense-\(name)-accuracy"] = denseWhole[c + 1] }
        let saliency: [Float] = try {
            let (_, gradient) = try model.lossAndGradient(inputs: train.inputs, labels: train.labels)
            return zip(dense, gradient).map { abs($0 * $1) }
        }()

        var gains: [(first: Double, second: Double, whole: Double)] = []
        let total = Self.methods.count * p.sparsities.count
        m.series["sparsity"] = p.sparsities
        for (k, method) in Self.methods.enumerated() {
            for (s, sparsity) in p.sparsities.enumerated() {
                try model.setFlatParameters(dense)
                try model.setMask(nil)
                var maskRNG = SeededGenerator(seed: seed, stream: "mask \(method) \(sparsity)")
                let mask: PruningMask
                switch method {
                case "magnitude": mask = try PruningMask.magnitude(model: model, sparsity: sparsity)
                case "random": mask = try PruningMask.random(model: model, sparsity: sparsity, rng: &maskRNG)
                default: mask = try PruningMask.saliency(model: model, scores: saliency, sparsity: sparsity)
                }
                try model.setFlatParameters(zip(dense, mask.keep).map { $0 * $1 })
                try model.setMask(mask.keep)
                var fineRNG = SeededGenerator(seed: seed, stream: "finetune \(method) \(sparsity)")
                _ = try Trainer.train(model: model, train: train, test: nil, config: config(epochs: p.finetune), rng: &fineRNG)
                let prunedHalves = accuracies(model), prunedWhole = whole(prunedHalves)
                m.series["\(method)-clean-accuracy", default: []].append(prunedWhole[0])
                for (c, name) in Self.corruptions.enumerated() { m.series["\(method)-\(name)-accuracy", default: []].append(prunedWhole[c + 1]) }
                m.series["\(method)-robustness", default: []].append(robustness(prunedWhole))
                let gain = robustness(prunedWhole) - robustness(denseWhole)
                m.series["\(method)-robustness-gain", default: []].append(gain)
                gains.append((robustness(prunedHalves[0]) - robustness(denseHalves[0]),
                              robustness(prunedHalves[1]) - robustness(denseHalves[1]), gain))
                context.progress(RunProgress(epoch: k * p.sparsities.count + s + 1, epochs: total, loss: gain, accuracy: prunedWhole[0]))
            }
        }
        try model.setMask(nil)
        // Chosen on the first half, measured on the second.
        let best = gains.indices.max { (gains[$0].first, -$0) < (gains[$1].first, -$1) }!
        let worst = gains.indices.min { (gains[$0].first, $0) < (gains[$1].first, $1) }!
        m.scalars["best-gain-heldout"] = gains[best].second
        m.scalars["worst-gain-heldout"] = gains[worst].second
        m.scalars["best-gain-in-sample"] = gains.map(\.whole).max()!
        m.scalars["worst-gain-in-sample"] = gains.map(\.whole).min()!
        return m
    }

    /// Gaussian noise of standard deviation `std` on every pixel, clipped to [0, 1].
    static func noisy(_ data: LabeledData, std: Double, rng: inout SeededGenerator) -> LabeledData {
        var out = data
        out.inputs.scalars = data.inputs.scalars.map { min(max($0 + Float(std * rng.nextNormal()), 0), 1) }
        return out
    }

    /// A separable Gaussian blur of standard deviation `sigma` pixels (radius ⌈2σ⌉, edges clamped),
    /// applied to every `height × width` channel plane.
    static func blurred(_ data: LabeledData, sigma: Double, height: Int, width: Int) -> LabeledData {
        let radius = Int((2 * sigma).rounded(.up))
        var weights = (-radius...radius).map { exp(-Double($0 * $0) / (2 * sigma * sigma)) }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        var out = data
        let x = data.inputs.scalars, plane = height * width
        var tmp = [Double](repeating: 0, count: plane)
        out.inputs.scalars.withUnsafeMutableBufferPointer { y in
            for base in stride(from: 0, to: x.count, by: plane) {
                for r in 0..<height {
                    for c in 0..<width {
                        var v = 0.0
                        for (o, wt) in weights.enumerated() { v += wt * Double(x[base + r * width + min(max(c + o - radius, 0), width - 1)]) }
                        tmp[r * width + c] = v
                    }
                }
                for r in 0..<height {
                    for c in 0..<width {
                        var v = 0.0
                        for (o, wt) in weights.enumerated() { v += wt * tmp[min(max(r + o - radius, 0), height - 1) * width + c] }
                        y[base + r * width + c] = Float(v)
                    }
                }
            }
        }
        return out
    }

    /// Every image pulled towards its own mean: `x ↦ m + factor · (x − m)`.
    static func lowContrast(_ data: LabeledData, factor: Double) -> LabeledData {
        var out = data
        let size = data.sampleSize, x = data.inputs.scalars
        out.inputs.scalars.withUnsafeMutableBufferPointer { y in
            for base in stride(from: 0, to: x.count, by: size) {
                var mean = 0.0
                for i in 0..<size { mean += Double(x[base + i]) }
                mean /= Double(size)
                for i in 0..<size { y[base + i] = Float(mean + factor * (Double(x[base + i]) - mean)) }
            }
        }
        return out
    }
}
