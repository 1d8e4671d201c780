import Foundation
import TrainingCore
import Datasets

/// `kind: fcmi-bound` — the functional conditional mutual information (f-CMI) bound of Harutyunyan
/// et al. (2021), computed for an MLP on a two-class image task, beside the gap it bounds.
///
/// Supersample: `2n` examples drawn from the pool as `n` pairs `Z̃ᵢ = (Z̃ᵢ,₀, Z̃ᵢ,₁)`; a share
/// `label-noise` of the supersample's labels is flipped (part of the data distribution, so the
/// noisy labels count in both errors). A mask `U ∈ {0, 1}ⁿ` picks the training example of each pair;
/// the other one is held out. For the 0–1 loss
///
///     E[gap] ≤ (1/n) Σᵢ √(2 I(F̂ᵢ; Uᵢ)),
///
/// where `F̂ᵢ` is the pair of the trained network's predictions on `Z̃ᵢ,₀` and `Z̃ᵢ,₁` and the gap is
/// the error on the held-out halves minus the error on the trained-on halves. As in the paper, each
/// mutual information is a plug-in estimate from the empirical joint distribution of (`F̂ᵢ`, `Uᵢ`)
/// over `masks` trainings on the same supersample, and the bound is averaged over `supersamples`
/// draws. The plug-in estimate is biased upwards at few masks (at most `(|F̂| − 1)/(2·masks)` nats
/// to first order), which loosens the bound rather than breaking it.
public struct FCMIBoundExperiment: Experiment {
    public init() {}
    public var name: String { "fcmi-bound" }
    public var version: String { "fcmi-bound-1" }

    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 12000, test: 0, testLimit: 0...0)
        var classes = [0, 6]
        var pairs = 250
        var labelNoise = 0.0
        var hidden = [128]
        var lr = 0.01
        var batch = 32
        var epochs = 100
        var supersamples = 3
        var masks = 10

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("classes", \.classes, 0...9, count: 2...2, "the two classes of the task (relabelled 0 and 1)"),
            SpecParameter("pairs", \.pairs, 2...20000, "n: pairs in a supersample (2n examples, n trained on)"),
            SpecParameter("label-noise", \.labelNoise, 0...0.5, "share of the supersample's labels flipped"),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...3, "MLP hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "SGD learning rate (momentum 0.9)"),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000, "at most this many epochs; a training stops after an epoch whose running training accuracy is 100%"),
            SpecParameter("supersamples", \.supersamples, 1...100, "supersamples drawn (k₁)"),
            SpecParameter("masks", \.masks, 2...1000, "masks per supersample, each a training (k₂)"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try TwoClassPool.check(p.classes)
        if 2 * p.pairs > p.data.train {
            throw KindIssue(path: "pairs", message: "\(p.pairs) pairs need \(2 * p.pairs) examples of the two classes, more than the \(p.data.train) images of data.train hold (valid: at most \(p.data.train / 2), in practice about a fifth of data.train for two of ten classes)")
        }
        try checkBatch(p.batch, fits: p.pairs)
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 2000, "pairs": 40, "epochs": 5, "supersamples": 2, "masks": 4] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: [],
                      scalars: ["bound", "gap", "bound-minus-gap", "train-error", "heldout-error", "mean-mutual-information",
                                "mi-bias-allowance", "trainings", "pool"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (all, _) = try p.data.source.loadCached()
        // The pool: every image of the two classes among the first data.train, relabelled 0 and 1.
        let twoClasses = TwoClassPool(all, classes: p.classes)
        let pool = twoClasses.images, binary = twoClasses.labels
        let n = p.pairs
        guard pool.count >= 2 * n else {
            throw BookError("fcmi-bound: \(2 * n) supersample examples need a pool of at least that many; the first \(p.data.train) training images hold \(pool.count) of classes \(p.classes) (raise data.train or lower pairs)")
        }

        var supersampleRNG = SeededGenerator(seed: seed, stream: "supersample")
        var maskRNG = SeededGenerator(seed: seed, stream: "masks")
        let config = { () -> TrainingConfig in
            var c = TrainingConfig.kind(batch: p.batch, epochs: p.epochs, optimizer: .sgd(.init(learningRate: p.lr, momentum: 0.9)))
            c.targetTrainAccuracy = 1
            return c
        }()
        var bounds: [Double] = [], gaps: [Double] = [], trainErrors: [Double] = [], heldoutErrors: [Double] = [], informations: [Double] = []
        var largestAlphabet = 1
        let total = p.supersamples * p.masks
        for s in 0..<p.supersamples {
            // 2n distinct pool examples; pair i is (2i, 2i + 1); flipped labels are part of the supersample.
            let order = supersampleRNG.permutation(pool.count)
            let chosen = Array(order.prefix(2 * n))
            var labels = chosen.map { binary[$0] }
            for i in labels.indices where supersampleRNG.nextDouble() < p.labelNoise { labels[i] = 1 - labels[i] }
            let supersample = try LabeledData(inputs: pool.subset(chosen).inputs, labels: labels, classes: 2)

            // predictions[j][2i + b]: training j's prediction on Z̃ᵢ,b; masks[j][i]: the example of pair i it trained on.
            var predictions: [[Int]] = [], masks: [[Int]] = []
            for j in 0..<p.masks {
                let mask = (0..<n).map { _ in maskRNG.nextInt(below: 2) }
                let train = supersample.subset((0..<n).map { 2 * $0 + mask[$0] })
                var rng = SeededGenerator(seed: seed, stream: "model \(s) \(j)")
                let model = try Model(architecture: .mlp(hidden: p.hidden, activation: .relu), inputShape: pool.sampleShape, classes: 2, rng: &rng)
                _ = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng)
                let predicted = Evaluation(model: model, data: supersample).predictions
                var wrongTrained = 0, wrongHeld = 0
                for i in 0..<n {
                    if predicted[2 * i + mask[i]] != labels[2 * i + mask[i]] { wrongTrained += 1 }
                    if predicted[2 * i + 1 - mask[i]] != labels[2 * i + 1 - mask[i]] { wrongHeld += 1 }
                }
                trainErrors.append(Double(wrongTrained) / Double(n))
                heldoutErrors.append(Double(wrongHeld) / Double(n))
                gaps.append(heldoutErrors.last! - trainErrors.last!)
                predictions.append(predicted)
                masks.append(mask)
                context.progress(RunProgress(epoch: s * p.masks + j + 1, epochs: total, loss: gaps.last!, accuracy: 1 - heldoutErrors.last!))
            }
            var sum = 0.0
            for i in 0..<n {
                let outcomes = (0..<p.masks).map { j in (pair: predictions[j][2 * i] * 2 + predictions[j][2 * i + 1], u: masks[j][i]) }
                let information = FCMIBoundExperiment.pluginMutualInformation(outcomes.map(\.pair), outcomes.map(\.u), alphabetA: 4, alphabetB: 2)
                largestAlphabet = max(largestAlphabet, Set(outcomes.map(\.pair)).count)
                informations.append(information)
                sum += (2 * information).squareRoot()
            }
            bounds.append(sum / Double(n))
        }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        var m = Measurements()
        m.scalars["bound"] = mean(bounds)
        m.scalars["gap"] = mean(gaps)
        m.scalars["bound-minus-gap"] = mean(bounds) - mean(gaps)
        m.scalars["train-error"] = mean(trainErrors)
        m.scalars["heldout-error"] = mean(heldoutErrors)
        m.scalars["mean-mutual-information"] = mean(informations)
        m.scalars["mi-bias-allowance"] = Double(largestAlphabet - 1) / Double(2 * p.masks)
        m.scalars["trainings"] = Double(total)
        m.scalars["pool"] = Double(pool.count)
        return m
    }

    /// The plug-in estimate, in nats, of the mutual information between two discrete variables
    /// observed together, `a` in `0..<alphabetA` and `b` in `0..<alphabetB`:
    /// `Σ p̂(a, b) ln(p̂(a, b) / (p̂(a) p̂(b)))` over the empirical distributions (summed in a fixed order).
    static func pluginMutualInformation(_ a: [Int], _ b: [Int], alphabetA: Int, alphabetB: Int) -> Double {
        precondition(a.count == b.count && !a.isEmpty, "plug-in mutual information needs paired, non-empty observations")
        let count = Double(a.count)
        var joint = [Double](repeating: 0, count: alphabetA * alphabetB)
        var pa = [Double](repeating: 0, count: alphabetA), pb = [Double](repeating: 0, count: alphabetB)
        for (x, y) in zip(a, b) {
            joint[x * alphabetB + y] += 1
            pa[x] += 1
            pb[y] += 1
        }
        var information = 0.0
        for x in 0..<alphabetA {
            for y in 0..<alphabetB where joint[x * alphabetB + y] > 0 {
                let c = joint[x * alphabetB + y]
                information += c / count * log(c * count / (pa[x] * pb[y]))
            }
        }
        return max(information, 0)
    }
}
