import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: coherence` — Chatterjee (2020) and Chatterjee & Zielinski (2022) at CPU scale: trains an
/// MLP on a Gaussian-mixture task (optionally with label noise), recording the m-coherence of the
/// per-example gradients on a fixed probe sample and, at the same steps, how many clean and how
/// many corrupt (relabelled) training examples are fitted. With `winsorize: c > 0` each batch's per-example gradients are
/// winsorized coordinate by coordinate: the `c` largest values are set to the (c+1)-th largest,
/// the `c` smallest to the (c+1)-th smallest, before averaging (TrainingCore's winsorized SGD).
/// The measurements run as a `TrainingObserver` of TrainingCore's `Trainer`.
public struct CoherenceExperiment: Experiment {
    public init() {}
    public var name: String { "coherence" }
    public var version: String { "coherence-2" }

    public struct Parameters: SpecRecord {
        enum NoiseMode: String, SpecChoice { case otherClass = "other-class", uniform }
        var data = MixtureSection(train: 400, test: 1000)
        var noise = 0.0
        var noiseMode = NoiseMode.otherClass
        var hidden = [128]
        var lr = 0.05
        var momentum = 0.9
        var batch = 20
        var epochs = 60
        var winsorize = 0
        var probe = 200
        var probeEvery = 5
        var fitThreshold = 0.9

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("noise", \.noise, 0...1, "fraction of training labels corrupted"),
            SpecParameter("noise-mode", \.noiseMode,
                          "a corrupted label moves to another class, or is redrawn from all classes (noise 1 + uniform = random labels)"),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...4, "hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "learning rate"),
            SpecParameter("momentum", \.momentum, 0...0.999),
            SpecParameter("batch", \.batch, 2...4096),
            SpecParameter("epochs", \.epochs, 1...10000),
            SpecParameter("winsorize", \.winsorize, 0...1000, "c: outliers clipped on each side per coordinate (0: plain SGD)"),
            SpecParameter("probe", \.probe, 2...10000, "training examples whose gradients give the m-coherence"),
            SpecParameter("probe-every", \.probeEvery, 1...100000, "steps between coherence measurements"),
            SpecParameter("fit-threshold", \.fitThreshold, 0...1, "clean-fit level at which corrupt-fit-at-clean-fit is read"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        let train = p.data.train
        if p.batch > train { throw KindIssue(path: "batch", message: "batch exceeds the \(train) training examples") }
        if p.probe > train { throw KindIssue(path: "probe", message: "probe exceeds the \(train) training examples") }
        if p.winsorize * 2 >= p.batch {
            throw KindIssue(path: "winsorize", message: "2c must be smaller than the batch size")
        }
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 120, "data.test": 120, "probe": 60, "epochs": 4] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["step", "m-coherence", "alpha", "clean-fit", "corrupt-fit", "epoch", "train-accuracy", "test-accuracy", "train-loss"],
                      scalars: ["early-coherence", "initial-coherence", "corrupt-fit-at-clean-fit", "step-clean-fit", "overfit",
                                "adjusted-overfit", "non-memorizing-train-accuracy", "clean-share", "seconds-per-step", "parameters"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        var dataRNG = SeededGenerator(seed: 0xC0DE_0000 &+ seed)
        let (clean, testSet) = try task.sample(train: p.data.train, test: p.data.test, rng: &dataRNG)
        let (train, corrupted) = try LabelFlip.apply(clean, fraction: p.noise, uniform: p.noiseMode == .uniform, rng: &dataRNG)
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: p.hidden, activation: .relu), inputShape: [task.dimension], classes: task.classes, rng: &rng)
        let batch = p.batch, epochs = p.epochs, c = p.winsorize
        let sgd = OptimizerConfig.SGD(learningRate: p.lr, momentum: p.momentum)
        let probe = train.prefix(p.probe)
        let probeEvery = p.probeEvery
        let threshold = p.fitThreshold

        var m = Measurements()
        var atCleanFit: (corrupt: Double, step: Int)? = nil
        /// m-coherence on the probe sample, and the share of clean and of corrupt training
        /// examples whose (training) label is currently predicted.
        func recordCoherence(_ model: Model, step: Int) throws {
            let coherence = try GradientCoherence.measure(model: model, data: probe)
            m.series["step", default: []].append(Double(step))
            m.series["m-coherence", default: []].append(coherence.mCoherence)
            m.series["alpha", default: []].append(coherence.alpha)
            let predictions = Evaluation(model: model, data: train).predictions
            var hits = [0, 0], counts = [0, 0]
            for i in 0..<train.count {
                let group = corrupted[i] ? 1 : 0
                counts[group] += 1
                if predictions[i] == train.labels[i] { hits[group] += 1 }
            }
            let cleanFit = counts[0] > 0 ? Double(hits[0]) / Double(counts[0]) : .nan
            let corruptFit = counts[1] > 0 ? Double(hits[1]) / Double(counts[1]) : .nan
            m.series["clean-fit", default: []].append(cleanFit)
            m.series["corrupt-fit", default: []].append(corruptFit)
            if atCleanFit == nil, cleanFit >= threshold { atCleanFit = (corruptFit, step) }
        }
        // Winsorized SGD (c > 0) or plain momentum SGD; coherence before the first step and every
        // `probe-every` steps, and once more after the last step.
        var config = TrainingConfig.kind(batch: batch, epochs: epochs, optimizer: c > 0 ? .winsorized(.init(base: sgd, clip: c)) : .sgd(sgd))
        config.evaluateTrainSet = true
        config.testEvery = testSet == nil ? 0 : 1
        let observer = TrainingObserver(everySteps: probeEvery,
                                        atStart: { try recordCoherence($0, step: 0) },
                                        afterStep: { try recordCoherence($0, step: $1); return .proceed })
        let history = try Trainer.train(model: model, train: train, test: testSet, config: config, rng: &rng,
                                        progress: { p in context.progress(RunProgress(epoch: p.epoch, epochs: epochs, loss: p.trainLoss, accuracy: p.trainAccuracy)) },
                                        observer: observer)
        let step = history.stepCount
        if step % probeEvery != 0 { try recordCoherence(model, step: step) }
        m.series["epoch"] = history.epochs.map { Double($0.epoch) }
        m.series["train-accuracy"] = history.epochs.map(\.trainAccuracy)
        m.series["train-loss"] = history.epochs.map(\.trainLoss)
        if testSet != nil { m.series["test-accuracy"] = history.epochs.map { $0.testAccuracy! } }
        let coherence = m.series["m-coherence"]!
        // "Early": the measurements taken during the first epoch.
        let stepsPerEpoch = (train.count + batch - 1) / batch
        let early = max(1, m.series["step"]!.filter { $0 < Double(stepsPerEpoch) }.count)
        m.scalars["initial-coherence"] = coherence[0]
        m.scalars["early-coherence"] = coherence.prefix(early).reduce(0, +) / Double(early)
        m.scalars["corrupt-fit-at-clean-fit"] = atCleanFit?.corrupt ?? .nan
        m.scalars["step-clean-fit"] = atCleanFit.map { Double($0.step) } ?? .nan
        let trainAccuracy = m.series["train-accuracy"]!.last!
        let cleanShare = Double(corrupted.filter { !$0 }.count) / Double(train.count)
        m.scalars["overfit"] = trainAccuracy - (m.series["test-accuracy"]?.last ?? .nan)
        if let testAccuracy = m.series["test-accuracy"]?.last {
            let expected = try AdjustedOverfit.nonMemorizingTrainAccuracy(testAccuracy: testAccuracy, corruptShare: 1 - cleanShare, classes: task.classes)
            m.scalars["non-memorizing-train-accuracy"] = expected
            m.scalars["adjusted-overfit"] = trainAccuracy - expected
        } else {
            m.scalars["non-memorizing-train-accuracy"] = .nan
            m.scalars["adjusted-overfit"] = .nan
        }
        m.scalars["clean-share"] = cleanShare
        m.scalars["seconds-per-step"] = history.stepSeconds / Double(max(step, 1))
        m.scalars["parameters"] = Double(model.parameterCount)
        return m
    }
}
