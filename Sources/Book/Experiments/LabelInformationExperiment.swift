import Foundation
import TrainingCore
import Datasets

/// `kind: label-information` — Harutyunyan et al. (2020, 2021), simplified, on a Fashion-MNIST
/// (or MNIST, KMNIST) training subset with label noise and a clean test subset.
///
/// - `method: standard` trains an MLP with the usual cross-entropy gradient; its logit gradient
///   `softmax(z) − onehot(y)` carries each example's own (possibly wrong) label into the weights.
/// - `method: limit` replaces `onehot(y)` by the prediction `softmax(Q(u))` of a linear softmax
///   model `Q` (TrainingCore's ``LabelPredictorTerm``) on `u`, the first `predictor-components` whitened principal components of the image
///   (``PrincipalProjection``), trained on the same noisy labels alongside. The classifier's weights
///   then receive label information only through `Q`, whose `(k + 1)·C` parameters are far too few
///   to store individual labels. (The paper's LIMIT bounds this information with a penalty on a
///   learned gradient predictor; this is the simplest variant with the same information path.)
///
/// Informativeness (standard runs only): after `probe-epoch` epochs of standard training, each
/// example gets the linearized leave-one-out score `gᵢᵀ (F + δI)⁻¹ gᵢ / n` (see
/// ``informativeness(gradients:count:)``); the `shown` most and least informative training images
/// are recorded with their given and true labels.
public struct LabelInformationExperiment: Experiment {
    public init() {}
    public var name: String { "label-information" }
    public var version: String { "label-information-4" }

    public struct Parameters: SpecRecord {
        enum NoiseMode: String, SpecChoice { case uniform, otherClass = "other-class" }
        enum Method: String, SpecChoice { case standard, limit }
        enum OptimizerName: String, SpecChoice { case adam, sgd }

        var data = ImageDataSection(train: 5000, test: 2000, testLimit: 1...10000)
        var noise = 0.5
        var noiseMode = NoiseMode.uniform
        var method = Method.standard
        var hidden = [256]
        var optimizer = OptimizerName.adam
        var lr = 0.001
        var batch = 64
        var epochs = 100
        var stopTrainAccuracy = 1.0
        var patience = 0
        var lrDecay = 1.0
        var predictorComponents = 32
        var probeEpoch = 5
        var topShare = 0.1
        var shown = 8

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("noise", \.noise, 0...1, "fraction of training labels corrupted"),
            SpecParameter("noise-mode", \.noiseMode,
                          "a corrupted label is redrawn from all classes (may keep its value), or moved to another class"),
            SpecParameter("method", \.method),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...3, "MLP hidden widths (ReLU)"),
            SpecParameter("optimizer", \.optimizer, "adam (β 0.9, 0.999, ε 1e-8) or sgd (momentum 0.9), for the classifier and Q"),
            SpecParameter("lr", \.lr, 1e-6...10, "learning rate of the classifier and Q"),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000),
            SpecParameter("stop-train-accuracy", \.stopTrainAccuracy, 0...1,
                          "stop once the accuracy on the (noisy) training labels reaches this (checked after each epoch)"),
            SpecParameter("patience", \.patience, 0...10000,
                          "stop once the best training accuracy has risen by less than 0.002 in this many epochs (0: never)"),
            SpecParameter("lr-decay", \.lrDecay, 0.5...1, "the learning rate is multiplied by this after every epoch"),
            SpecParameter("predictor-components", \.predictorComponents, 1...784,
                          "whitened principal components of the image that the label predictor Q sees (method limit)"),
            SpecParameter("probe-epoch", \.probeEpoch, 0...10000, "epochs of standard training before the informativeness scores (0: none)"),
            SpecParameter("top-share", \.topShare, 0.001...1, "share of most informative examples inspected"),
            SpecParameter("shown", \.shown, 0...64, "most and least informative training images recorded for image grids"),
        ]
        public init() {}

        /// The optimizer of the classifier and Q, at learning rate `lr`.
        var optimizerConfig: OptimizerConfig {
            optimizer == .sgd ? .sgd(.init(learningRate: lr, momentum: 0.9))
                              : .adam(.init(learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        }
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try checkBatch(p.batch, fits: p.data.train)
        // Principal components beyond n − 1 have zero variance and cannot be whitened.
        let k = p.predictorComponents, n = p.data.train
        if k >= n {
            throw KindIssue(path: "predictor-components", message: "\(k) components need more than \(k) training examples (data.train is \(n); valid: 1...\(n - 1))")
        }
    }

    public var quickCaps: KeyValuePairs<String, Int> {
        ["data.train": 200, "data.test": 100, "epochs": 3, "probe-epoch": 1, "predictor-components": 16]
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        var series = ["epoch", "train-accuracy", "test-accuracy", "corrupt-fit", "predictor-test-accuracy",
                      "informativeness-rank", "informativeness", "mislabelled", "mislabelled-precision"]
        for end in ["most-informative", "least-informative"] {
            series += [end, "\(end)-label", "\(end)-true-label", "\(end)-mislabelled"]
        }
        return MetricCatalog(series: series,
                             scalars: ["epochs-run", "final-train-accuracy", "final-test-accuracy", "final-corrupt-fit", "clean-share", "train-excess",
                                       "final-predictor-test-accuracy", "predictor-parameters", "parameters",
                                       "mislabelled-share-top", "mislabelled-share-all", "enrichment",
                                       "sample-height", "sample-width", "sample-channels"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        // Data: the first n training images, a share `noise` of their labels redrawn; clean test images.
        let (clean, testSet) = try p.data.source.loadCached()
        let test = testSet!
        var noiseRNG = SeededGenerator(seed: seed, stream: "data")
        let corruption = LabelCorruption(fraction: p.noise, excludeOriginal: p.noiseMode == .otherClass)
        let train = try corruption.apply(to: clean, rng: &noiseRNG).data
        let mislabelled = zip(train.labels, clean.labels).map { $0 != $1 }     // (n): given label ≠ true label

        let k = train.classes
        let components = p.predictorComponents
        let limit = p.method == .limit
        // Q's inputs: the whitened principal components of the (unlabelled) training images.
        var predictorTrain = train, predictorTest = test
        if limit {
            let projection = try context.shared("label-information principal components \(try context.digest(of: [p.data.source])) \(components)") {
                try PrincipalProjection(inputs: clean.inputs, components: components)
            }
            predictorTrain = try LabeledData(inputs: projection.project(train.inputs), labels: train.labels, classes: k)   // (n, comps)
            predictorTest = try LabeledData(inputs: projection.project(test.inputs), labels: test.labels, classes: k)
        }

        var rng = SeededGenerator(seed: seed)
        let hidden = p.hidden
        let model = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: train.sampleShape, classes: k, rng: &rng)
        let predictor = try Model(architecture: .mlp(hidden: [], activation: .relu), inputShape: [components], classes: k, rng: &rng)
        let lr = p.lr, batch = p.batch, epochs = p.epochs

        var m = Measurements()
        m.scalars["parameters"] = Double(model.parameterCount)
        m.scalars["predictor-parameters"] = Double(predictor.parameterCount)
        if !limit && p.probeEpoch > 0 {
            try probeInformativeness(p, initial: model, hidden: hidden, train: train, clean: clean, mislabelled: mislabelled,
                                     seed: seed, into: &m)
        }

        let corruptCount = mislabelled.filter { $0 }.count
        let stopAt = p.stopTrainAccuracy, patience = p.patience
        // After each epoch: accuracies, the fit of the wrong labels, and the two stopping rules.
        let observer = TrainingObserver(afterEpoch: { model, epoch in
            let tr = Evaluation(model: model, data: train)
            var corruptHits = 0
            for i in 0..<train.count where mislabelled[i] && tr.predictions[i] == train.labels[i] { corruptHits += 1 }
            m.series["epoch", default: []].append(Double(epoch.epoch))
            m.series["train-accuracy", default: []].append(tr.accuracy)
            m.series["test-accuracy", default: []].append(Evaluation(model: model, data: test).accuracy)
            m.series["corrupt-fit", default: []].append(corruptCount > 0 ? Double(corruptHits) / Double(corruptCount) : .nan)
            if limit { m.series["predictor-test-accuracy", default: []].append(Evaluation(model: predictor, data: predictorTest).accuracy) }
            context.progress(RunProgress(epoch: epoch.epoch, epochs: epochs, loss: tr.loss, accuracy: tr.accuracy))
            if tr.accuracy >= stopAt { return .stop }
            // Converged: the best accuracy of the last `patience` epochs is within 0.002 of the best before them.
            let curve = m.series["train-accuracy"]!
            if patience > 0 && curve.count > patience,
               curve.suffix(patience).max()! - curve.dropLast(patience).max()! < 0.002 { return .stop }
            return .proceed
        })
        // With method limit, Q learns the noisy labels from the projected image alongside, and the
        // classifier follows softmax(z) − softmax(Q(u)), never seeing a label itself.
        let term = limit ? LabelPredictorTerm(predictor: predictor, inputs: predictorTrain, optimizer: p.optimizerConfig) : nil
        let config = TrainingConfig.kind(batch: batch, epochs: epochs, optimizer: p.optimizerConfig,
                                         schedule: .exponential(factor: p.lrDecay))
        _ = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, logitTerm: term, observer: observer)
        m.scalars["epochs-run"] = Double(m.series["epoch"]!.count)
        m.scalars["final-train-accuracy"] = m.series["train-accuracy"]!.last!
        m.scalars["final-test-accuracy"] = m.series["test-accuracy"]!.last!
        m.scalars["final-corrupt-fit"] = m.series["corrupt-fit"]!.last!
        m.scalars["clean-share"] = Double(train.count - corruptCount) / Double(train.count)
        m.scalars["train-excess"] = m.scalars["final-train-accuracy"]! - m.scalars["clean-share"]!
        if limit { m.scalars["final-predictor-test-accuracy"] = m.series["predictor-test-accuracy"]!.last! }
        return m
    }
}
