import Foundation
import TrainingCore
import Datasets

/// `kind: bound-limit` — the mechanism behind Gastpar et al. (2023): one training set `S` and one
/// trained network `h`, judged under two distributions that both could have produced `S`.
///
/// The pool is the images of two classes among the first `data.train` training images. `D` labels
/// every pool image truly. `D_S` keeps the true labels on the `train` images of `S` and gives every
/// other pool image a label drawn at random once (fixed per image, from the run's `"relabel"`
/// stream). Drawing `S` uniformly from the pool is equally likely under `D` and `D_S`, so the
/// algorithm returns the same `h` and any bound `B(S, h)` has one value for both; the held-out pool
/// images measure `h`'s gap under each. A bound valid under `D_S` must be at least the gap there, so
/// under `D` it is loose by at least `forced-slack = gap(D_S) − gap(D)`.
public struct BoundLimitExperiment: Experiment {
    public init() {}
    public var name: String { "bound-limit" }
    public var version: String { "bound-limit-1" }

    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 12000, test: 0, testLimit: 0...0)
        var classes = [0, 6]
        var train = 400
        var hidden = [128]
        var lr = 0.01
        var batch = 32
        var epochs = 100

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("classes", \.classes, 0...9, count: 2...2, "the two classes of the task (relabelled 0 and 1)"),
            SpecParameter("train", \.train, 2...20000, "size of the training set S, drawn from the pool"),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...3, "MLP hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "SGD learning rate (momentum 0.9)"),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000, "at most this many epochs; training stops after an epoch whose running training accuracy is 100%"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try TwoClassPool.check(p.classes)
        if p.train >= p.data.train {
            throw KindIssue(path: "train", message: "S (\(p.train) images) must leave held-out images in the pool of data.train = \(p.data.train)")
        }
        try checkBatch(p.batch, fits: p.train)
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 2000, "train": 60, "epochs": 5] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: [],
                      scalars: ["train-error", "heldout-error-d", "heldout-error-ds", "gap-d", "gap-ds", "forced-slack", "heldout", "parameter-norm"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (all, _) = try p.data.source.loadCached()
        let twoClasses = TwoClassPool(all, classes: p.classes)
        let pool = twoClasses.images, truth = twoClasses.labels
        guard pool.count > p.train else {
            throw BookError("bound-limit: the first \(p.data.train) training images hold \(pool.count) images of classes \(p.classes), not more than train = \(p.train) (raise data.train or lower train)")
        }
        var sampleRNG = SeededGenerator(seed: seed, stream: "sample")
        let order = sampleRNG.permutation(pool.count)
        let trained = Array(order.prefix(p.train)), heldout = Array(order.dropFirst(p.train))
        // D_S: true labels on S, a label drawn once per image elsewhere.
        var relabelRNG = SeededGenerator(seed: seed, stream: "relabel")
        let randomLabels = (0..<pool.count).map { _ in relabelRNG.nextInt(below: 2) }

        let s = try LabeledData(inputs: pool.subset(trained).inputs, labels: trained.map { truth[$0] }, classes: 2)
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: p.hidden, activation: .relu), inputShape: pool.sampleShape, classes: 2, rng: &rng)
        var config = TrainingConfig.kind(batch: p.batch, epochs: p.epochs, optimizer: .sgd(.init(learningRate: p.lr, momentum: 0.9)))
        config.targetTrainAccuracy = 1
        _ = try Trainer.train(model: model, train: s, test: nil, config: config, rng: &rng)
        context.progress(RunProgress(epoch: 1, epochs: 1, loss: 0, accuracy: 1))

        let trainError = 1 - Evaluation(model: model, data: s).accuracy
        let held = pool.subset(heldout)
        let predicted = Evaluation(model: model, data: held).predictions
        var wrongD = 0, wrongDS = 0
        for (k, i) in heldout.enumerated() {
            if predicted[k] != truth[i] { wrongD += 1 }
            if predicted[k] != randomLabels[i] { wrongDS += 1 }
        }
        let errorD = Double(wrongD) / Double(heldout.count), errorDS = Double(wrongDS) / Double(heldout.count)
        var m = Measurements()
        m.scalars["train-error"] = trainError
        m.scalars["heldout-error-d"] = errorD
        m.scalars["heldout-error-ds"] = errorDS
        m.scalars["gap-d"] = errorD - trainError
        m.scalars["gap-ds"] = errorDS - trainError
        m.scalars["forced-slack"] = errorDS - errorD
        m.scalars["heldout"] = Double(heldout.count)
        m.scalars["parameter-norm"] = model.flatParameters().reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
        return m
    }
}
