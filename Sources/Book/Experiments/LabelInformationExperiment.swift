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
public struct LabelInformationExperiment: ExperimentKind {
    public init() {}
    public var name: String { "label-information" }
    public var version: String { "label-information-3" }

    public var parameters: [SpecField] {
        [
            SpecField("data", .record([
                SpecField("set", .choice(["fashion-mnist", "mnist", "kmnist"]), default: .text("fashion-mnist"), "the data set"),
                SpecField("train", .integer(10...60000), default: .integer(5000), "training examples (the first n of the training split)"),
                SpecField("test", .integer(1...10000), default: .integer(2000), "clean test examples (the first n of the test split)"),
                SpecField("directory", .text, default: .text(""), "folder of the IDX files (empty: the Debian package's folder)"),
            ])),
            SpecField("noise", .number(0...1), default: .number(0.5), "fraction of training labels corrupted"),
            SpecField("noise-mode", .choice(["uniform", "other-class"]), default: .text("uniform"),
                      "a corrupted label is redrawn from all classes (may keep its value), or moved to another class"),
            SpecField("method", .choice(["standard", "limit"]), default: .text("standard")),
            SpecField("hidden", .list(.integer(1...4096), count: 1...3), default: .list([.integer(256)]), "MLP hidden widths (ReLU)"),
            SpecField("optimizer", .choice(["adam", "sgd"]), default: .text("adam"),
                      "adam (β 0.9, 0.999, ε 1e-8) or sgd (momentum 0.9), for the classifier and Q"),
            SpecField("lr", .number(1e-6...10), default: .number(0.001), "learning rate of the classifier and Q"),
            SpecField("batch", .integer(1...100000), default: .integer(64)),
            SpecField("epochs", .integer(1...10000), default: .integer(100)),
            SpecField("stop-train-accuracy", .number(0...1), default: .number(1),
                      "stop once the accuracy on the (noisy) training labels reaches this (checked after each epoch)"),
            SpecField("patience", .integer(0...10000), default: .integer(0),
                      "stop once the best training accuracy has risen by less than 0.002 in this many epochs (0: never)"),
            SpecField("lr-decay", .number(0.5...1), default: .number(1), "the learning rate is multiplied by this after every epoch"),
            SpecField("predictor-components", .integer(1...784), default: .integer(32),
                      "whitened principal components of the image that the label predictor Q sees (method limit)"),
            SpecField("probe-epoch", .integer(0...10000), default: .integer(5), "epochs of standard training before the informativeness scores (0: none)"),
            SpecField("top-share", .number(0.001...1), default: .number(0.1), "share of most informative examples inspected"),
            SpecField("shown", .integer(0...64), default: .integer(8), "most and least informative training images recorded for image grids"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
        // Principal components beyond n − 1 have zero variance and cannot be whitened.
        if let k = spec[path: "predictor-components"]?.intValue, let n = spec[path: "data.train"]?.intValue, k >= n {
            throw KindIssue(path: "predictor-components", message: "\(k) components need more than \(k) training examples (data.train is \(n); valid: 1...\(n - 1))")
        }
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 200, "data.test": 100, "epochs": 3, "probe-epoch": 1, "predictor-components": 16])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
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

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { try ImageSubset.digest(spec, context: context) }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        // Data: the first n training images, a share `noise` of their labels redrawn; clean test images.
        let (set, dir) = ImageSubset.location(spec)
        let count = spec[path: "data.train"]!.intValue!
        let full = try context.shared("\(set.rawValue) train \(dir)") { try set.load(split: .train, directory: dir) }
        guard count <= full.count else { throw BookError("data.train = \(count) but \(dir) has only \(full.count) training examples") }
        let clean = full.prefix(count)
        let test = try ImageSubset.loadTest(spec, context: context)!
        var noiseRNG = SeededGenerator(seed: seed &+ 0x9E37_79B9_7F4A_7C15)
        let corruption = LabelCorruption(fraction: spec[path: "noise"]!.doubleValue!,
                                         excludeOriginal: spec[path: "noise-mode"]!.textValue! == "other-class")
        let train = try corruption.apply(to: clean, rng: &noiseRNG).data
        let mislabelled = zip(train.labels, clean.labels).map { $0 != $1 }     // (n): given label ≠ true label

        let k = train.classes
        let components = spec[path: "predictor-components"]!.intValue!
        let limit = spec[path: "method"]!.textValue! == "limit"
        // Q's inputs: the whitened principal components of the (unlabelled) training images.
        var predictorTrain = train, predictorTest = test
        if limit {
            let projection = try context.shared("label-information principal components \(set.rawValue) \(dir) \(count) \(components)") {
                try PrincipalProjection(inputs: clean.inputs, components: components)
            }
            predictorTrain = try LabeledData(inputs: projection.project(train.inputs), labels: train.labels, classes: k)   // (n, comps)
            predictorTest = try LabeledData(inputs: projection.project(test.inputs), labels: test.labels, classes: k)
        }

        var rng = SeededGenerator(seed: seed)
        let hidden = spec[path: "hidden"]!.listValue!.map { $0.intValue! }
        let model = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: train.sampleShape, classes: k, rng: &rng)
        let predictor = try Model(architecture: .mlp(hidden: [], activation: .relu), inputShape: [components], classes: k, rng: &rng)
        let lr = spec[path: "lr"]!.doubleValue!, batch = spec[path: "batch"]!.intValue!, epochs = spec[path: "epochs"]!.intValue!

        var m = Measurements()
        m.scalars["parameters"] = Double(model.parameterCount)
        m.scalars["predictor-parameters"] = Double(predictor.parameterCount)
        let probeEpoch = spec[path: "probe-epoch"]!.intValue!
        if !limit && probeEpoch > 0 {
            try probeInformativeness(spec, initial: model, hidden: hidden, train: train, clean: clean, mislabelled: mislabelled,
                                     epochs: probeEpoch, lr: lr, batch: batch, seed: seed, into: &m)
        }

        let corruptCount = mislabelled.filter { $0 }.count
        let stopAt = spec[path: "stop-train-accuracy"]!.doubleValue!, patience = spec[path: "patience"]!.intValue!
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
        let term = limit ? LabelPredictorTerm(predictor: predictor, inputs: predictorTrain, optimizer: Self.optimizer(spec, lr: lr)) : nil
        let config = TrainingConfig.kind(batch: batch, epochs: epochs, optimizer: Self.optimizer(spec, lr: lr),
                                         schedule: .exponential(factor: spec[path: "lr-decay"]!.doubleValue!))
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

    /// The optimizer `optimizer` names (for the classifier and Q), at learning rate `lr`.
    static func optimizer(_ spec: SpecValue, lr: Double) -> OptimizerConfig {
        spec[path: "optimizer"]!.textValue! == "sgd" ? .sgd(.init(learningRate: lr, momentum: 0.9))
                                                    : .adam(.init(learningRate: lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
    }
}
