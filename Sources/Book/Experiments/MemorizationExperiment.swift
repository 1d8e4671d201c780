import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: memorization` — Arpit et al. (2017)'s memorization probes on one training run of an MLP:
/// loss sensitivity `gᵢ = ‖∂ℓᵢ/∂xᵢ‖₁` after every epoch (its mean and Gini coefficient; the Gini of
/// the per-example mean over epochs), and at the end the critical sample ratio for several L∞ radii.
///
/// The adversarial search uses Arpit et al.'s proportions: step `α = r · 0.25/0.3` and noise
/// `β = r · 0.2/0.3` for radius `r` (their α = 0.25, β = 0.2 at r = 0.3), with inputs in [0, 1].
public struct MemorizationExperiment: Experiment {
    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 1000)
        var corruption = NoiseSection()
        var hidden = [512]
        var lr = 0.01
        var momentum = 0.9
        var batch = 64
        var epochs = 60
        var radii = [0.01, 0.02, 0.05, 0.1, 0.2]
        var csrRadius = 0.05
        var iterations = 10
        var maps = 8
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("corruption", \.corruption),
            SpecParameter("hidden", \.hidden, 1...65536, count: 1...4, "MLP hidden widths (ReLU)"),
            SpecParameter("lr", \.lr, 1e-6...10, "SGD learning rate"),
            SpecParameter("momentum", \.momentum, 0...0.999),
            SpecParameter("batch", \.batch, 1...4096),
            SpecParameter("epochs", \.epochs, 1...10000),
            SpecParameter("radii", \.radii, 0...10, count: 1...20, "L∞ radii of the critical-sample search (inputs in [0, 1])"),
            SpecParameter("csr-radius", \.csrRadius, 0...10, "the radius reported as scalar csr"),
            SpecParameter("iterations", \.iterations, 1...1000, "steps of the adversarial search"),
            SpecParameter("maps", \.maps, 0...64,
                          "training examples whose sensitivity maps |∂ℓ/∂x| are recorded after training (series sensitivity-maps)"),
        ]
        public init() {}
    }

    public init() {}
    public var name: String { "memorization" }
    public var version: String { "memorization-5" }
    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 200, "epochs": 3, "batch": 32] }

    public func check(_ p: Parameters) throws(KindIssue) { try checkBatch(p.batch, fits: p.data.train) }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-accuracy", "train-loss", "test-accuracy", "mean-sensitivity", "epoch-gini", "radius", "csr-by-radius",
                               "sensitivity-maps", "map-inputs"],
                      scalars: ["gini", "csr", "final-train-accuracy", "sensitivity-clean", "sensitivity-noisy", "mean-sensitivity",
                                "peak-test-accuracy", "final-test-accuracy", "test-drop", "peak-epoch", "clean-fit-epoch",
                                "peak-before-clean-fit"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (data, test, corrupted) = try p.data.load(corruption: p.corruption.corruption, seed: seed)
        let architecture = ModelArchitecture.mlp(hidden: p.hidden, activation: .relu)
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: architecture, inputShape: data.sampleShape, classes: data.classes, rng: &rng)
        let config = TrainingConfig(batchSize: p.batch, epochs: p.epochs, optimizer: .sgd(.init(learningRate: p.lr, momentum: p.momentum)),
                                    evaluateTrainSet: true, testEvery: test == nil ? 0 : 1, recordSteps: false, seed: seed)
        // Probes run on a copy of the weights, so that their forward/backward passes never touch the
        // training model's buffers or gradients between two optimizer steps.
        var probeRNG = SeededGenerator(seed: seed)
        let probe = try Model(architecture: architecture, inputShape: data.sampleShape,
                              classes: data.classes, rng: &probeRNG)
        var total = [Double](repeating: 0, count: data.count)    // Σ over epochs of gᵢ (n)
        var meanPerEpoch: [Double] = [], giniPerEpoch: [Double] = []
        var failure: Error?
        let history = try Trainer.train(model: model, train: data, test: test, config: config, rng: &rng, progress: { progress in
            guard failure == nil else { return }
            do {
                try probe.setFlatParameters(model.flatParameters())
                let g = try LossSensitivity.perExample(model: probe, data: data)
                for i in g.indices { total[i] += g[i] }
                meanPerEpoch.append(g.reduce(0, +) / Double(g.count))
                giniPerEpoch.append(try Statistics.giniCoefficient(g))
            } catch { failure = error }
            context.progress(RunProgress(epoch: progress.epoch, epochs: p.epochs, loss: progress.trainLoss, accuracy: progress.trainAccuracy))
        })
        if let failure { throw failure }
        let mean = total.map { $0 / Double(max(history.epochs.count, 1)) }

        try probe.setFlatParameters(model.flatParameters())
        let (maps, mapInputs) = try Self.sensitivityMaps(probe: probe, data: data.prefix(min(p.maps, data.count)))

        var searchRNG = SeededGenerator(seed: seed &+ 0xC2B2_AE3D_27D4_EB4F)
        func csr(_ r: Double) throws -> Double {
            try CriticalSampleSearch(radius: r, alpha: r * 0.25 / 0.3, beta: r * 0.2 / 0.3, iterations: p.iterations)
                .run(model: model, data: data, rng: &searchRNG).ratio
        }
        let csrByRadius = try p.radii.map(csr)
        let csrValue = try p.radii.firstIndex(of: p.csrRadius).map { csrByRadius[$0] } ?? csr(p.csrRadius)

        func average(_ keep: (Int) -> Bool) -> Double {
            let values = mean.indices.filter(keep).map { mean[$0] }
            return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        }
        var m = Measurements()
        m.series["epoch"] = history.epochs.map { Double($0.epoch) }
        m.series["train-accuracy"] = history.epochs.map(\.trainAccuracy)
        m.series["train-loss"] = history.epochs.map(\.trainLoss)
        m.series["mean-sensitivity"] = meanPerEpoch
        m.series["epoch-gini"] = giniPerEpoch
        m.series["radius"] = p.radii
        m.series["csr-by-radius"] = csrByRadius
        if !maps.isEmpty {
            m.series["sensitivity-maps"] = maps
            m.series["map-inputs"] = mapInputs
        }
        m.scalars["gini"] = try Statistics.giniCoefficient(mean)
        m.scalars["csr"] = csrValue
        m.scalars["final-train-accuracy"] = history.epochs.last?.trainAccuracy ?? .nan
        m.scalars["mean-sensitivity"] = average { _ in true }
        m.scalars["sensitivity-clean"] = average { !corrupted[$0] }
        m.scalars["sensitivity-noisy"] = average { corrupted[$0] }
        m.recordEarlyStopping(history, corrupted: corrupted, hasTest: test != nil)
        return m
    }
}
