import Foundation
import TrainingCore
import Probes

/// `kind: memorization` — Arpit et al. (2017)'s memorization probes on one training run of an MLP:
/// loss sensitivity `gᵢ = ‖∂ℓᵢ/∂xᵢ‖₁` after every epoch (its mean and Gini coefficient; the Gini of
/// the per-example mean over epochs), and at the end the critical sample ratio for several L∞ radii.
///
/// The adversarial search uses Arpit et al.'s proportions: step `α = r · 0.25/0.3` and noise
/// `β = r · 0.2/0.3` for radius `r` (their α = 0.25, β = 0.2 at r = 0.3), with inputs in [0, 1].
public struct MemorizationExperiment: ExperimentKind {
    public init() {}
    public var name: String { "memorization" }
    public var version: String { "memorization-5" }

    public var parameters: [SpecField] {
        ImageSubset.fields(train: 1000) + [
            SpecField("hidden", .list(.integer(1...65536), count: 1...4), default: .list([.integer(512)]), "MLP hidden widths (ReLU)"),
            SpecField("lr", .number(1e-6...10), default: .number(0.01), "SGD learning rate"),
            SpecField("momentum", .number(0...0.999), default: .number(0.9)),
            SpecField("batch", .integer(1...4096), default: .integer(64)),
            SpecField("epochs", .integer(1...10000), default: .integer(60)),
            SpecField("radii", .list(.number(0...10), count: 1...20), default: .list([0.01, 0.02, 0.05, 0.1, 0.2].map { .number($0) }),
                      "L∞ radii of the critical-sample search (inputs in [0, 1])"),
            SpecField("csr-radius", .number(0...10), default: .number(0.05), "the radius reported as scalar csr"),
            SpecField("iterations", .integer(1...1000), default: .integer(10), "steps of the adversarial search"),
            SpecField("maps", .integer(0...64), default: .integer(8),
                      "training examples whose sensitivity maps |∂ℓ/∂x| are recorded after training (series sensitivity-maps)"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 200, "epochs": 3, "batch": 32])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-accuracy", "train-loss", "test-accuracy", "mean-sensitivity", "epoch-gini", "radius", "csr-by-radius",
                               "sensitivity-maps", "map-inputs"],
                      scalars: ["gini", "csr", "final-train-accuracy", "sensitivity-clean", "sensitivity-noisy", "mean-sensitivity",
                                "peak-test-accuracy", "final-test-accuracy", "test-drop", "peak-epoch", "clean-fit-epoch",
                                "peak-before-clean-fit"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { try ImageSubset.digest(spec, context: context) }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let (data, corrupted) = try ImageSubset.load(spec, seed: seed, context: context)
        let test = try ImageSubset.loadTest(spec, context: context)
        let hidden = spec[path: "hidden"]!.listValue!.map { $0.intValue! }
        let epochs = spec[path: "epochs"]!.intValue!
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: data.sampleShape,
                              classes: data.classes, rng: &rng)
        let config = TrainingConfig(batchSize: spec[path: "batch"]!.intValue!, epochs: epochs,
                                    optimizer: .sgd(.init(learningRate: spec[path: "lr"]!.doubleValue!,
                                                          momentum: spec[path: "momentum"]!.doubleValue!)),
                                    evaluateTrainSet: true, testEvery: test == nil ? 0 : 1, recordSteps: false, seed: seed)
        // Probes run on a copy of the weights, so that their forward/backward passes never touch the
        // training model's buffers or gradients between two optimizer steps.
        var probeRNG = SeededGenerator(seed: seed)
        let probe = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: data.sampleShape,
                              classes: data.classes, rng: &probeRNG)
        var total = [Double](repeating: 0, count: data.count)    // Σ over epochs of gᵢ (n)
        var meanPerEpoch: [Double] = [], giniPerEpoch: [Double] = []
        var failure: Error?
        let history = try Trainer.train(model: model, train: data, test: test, config: config, rng: &rng, progress: { p in
            guard failure == nil else { return }
            do {
                try probe.setFlatParameters(model.flatParameters())
                let g = try LossSensitivity.perExample(model: probe, data: data)
                for i in g.indices { total[i] += g[i] }
                meanPerEpoch.append(g.reduce(0, +) / Double(g.count))
                giniPerEpoch.append(try Statistics.giniCoefficient(g))
            } catch { failure = error }
            context.progress(RunProgress(epoch: p.epoch, epochs: epochs, loss: p.trainLoss, accuracy: p.trainAccuracy))
        })
        if let failure { throw failure }
        let mean = total.map { $0 / Double(max(history.epochs.count, 1)) }

        // Sensitivity maps |∂ℓᵢ/∂xᵢ| of the first examples after training, each scaled to [0, 1].
        let mapCount = min(spec[path: "maps"]!.intValue!, data.count)
        var maps: [Double] = [], mapInputs: [Double] = []
        if mapCount > 0 {
            try probe.setFlatParameters(model.flatParameters())
            let first = data.prefix(mapCount)
            let g = try InputGradients.perExample(model: probe, data: first)      // (k, 1, 28, 28)
            let d = first.sampleSize
            for i in 0..<mapCount {
                let row = (0..<d).map { Double(abs(g.scalars[i * d + $0])) }
                let top = max(row.max() ?? 0, 1e-30)
                maps += row.map { $0 / top }
            }
            mapInputs = first.inputs.scalars.map(Double.init)
        }

        let radii = spec[path: "radii"]!.listValue!.map { $0.doubleValue! }
        let iterations = spec[path: "iterations"]!.intValue!
        var searchRNG = SeededGenerator(seed: seed &+ 0xC2B2_AE3D_27D4_EB4F)
        func csr(_ r: Double) throws -> Double {
            try CriticalSampleSearch(radius: r, alpha: r * 0.25 / 0.3, beta: r * 0.2 / 0.3, iterations: iterations)
                .run(model: model, data: data, rng: &searchRNG).ratio
        }
        let csrByRadius = try radii.map(csr)
        let chosen = spec[path: "csr-radius"]!.doubleValue!
        let csrValue = try radii.firstIndex(of: chosen).map { csrByRadius[$0] } ?? csr(chosen)

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
        m.series["radius"] = radii
        m.series["csr-by-radius"] = csrByRadius
        if mapCount > 0 {
            m.series["sensitivity-maps"] = maps
            m.series["map-inputs"] = mapInputs
        }
        m.scalars["gini"] = try Statistics.giniCoefficient(mean)
        m.scalars["csr"] = csrValue
        m.scalars["final-train-accuracy"] = history.epochs.last?.trainAccuracy ?? .nan
        m.scalars["mean-sensitivity"] = average { _ in true }
        m.scalars["sensitivity-clean"] = average { !corrupted[$0] }
        m.scalars["sensitivity-noisy"] = average { corrupted[$0] }
        // Label noise and early stopping: does validation accuracy peak before the clean share is fit?
        let trainAccuracy = history.epochs.map(\.trainAccuracy)
        let clean = 1 - Double(corrupted.filter { $0 }.count) / Double(corrupted.count) * 0.9   // redrawn labels keep their class 1/10 of the time
        let cleanFit = trainAccuracy.firstIndex { $0 > clean }.map { Double($0 + 1) } ?? .nan
        m.scalars["clean-fit-epoch"] = cleanFit
        if test != nil {
            let testAccuracy = history.epochs.map { $0.testAccuracy ?? .nan }
            m.series["test-accuracy"] = testAccuracy
            let peak = testAccuracy.indices.max { testAccuracy[$0] < testAccuracy[$1] } ?? 0
            m.scalars["peak-test-accuracy"] = testAccuracy[peak]
            m.scalars["final-test-accuracy"] = testAccuracy.last ?? .nan
            m.scalars["test-drop"] = testAccuracy[peak] - (testAccuracy.last ?? .nan)
            m.scalars["peak-epoch"] = Double(peak + 1)
            m.scalars["peak-before-clean-fit"] = cleanFit.isNaN || Double(peak + 1) < cleanFit ? 1 : 0
        }
        return m
    }
}
