import Foundation
import TrainingCore
import Probes

/// `kind: batch-interpolation` — Sagun et al. (2017, §4) / Keskar et al. (2017): two networks
/// from the same initialization, one trained with small batches and one with large batches at the
/// same learning rate, then the training and test loss along the straight line
/// `θ(a) = (1 − a) θ_small + a θ_large`, and each end's top Hessian eigenvalue (Lanczos on exact
/// Hessian-vector products).
public struct BatchInterpolationExperiment: Experiment {
    public init() {}
    public var name: String { "batch-interpolation" }
    public var version: String { "batch-interpolation-1" }

    public struct Parameters: SpecRecord {
        var data = MixtureSection(train: 500, test: 500, clusters: 4, dimension: 10, separation: 4)
        var hidden = [32]
        var activation = TanhOrReLU.tanh
        var lr = 0.05
        var smallBatch = 10
        var largeBatch = 500
        var steps = 3000
        var points = 41

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("hidden", \.hidden, 1...512, count: 1...3),
            SpecParameter("activation", \.activation),
            SpecParameter("lr", \.lr, 1e-6...10),
            SpecParameter("small-batch", \.smallBatch, 1...100000),
            SpecParameter("large-batch", \.largeBatch, 1...100000),
            SpecParameter("steps", \.steps, 1...1_000_000, "optimizer steps for each network"),
            SpecParameter("points", \.points, 3...1000, "points on the line, a from −0.5 to 1.5"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        for (key, batch) in [("small-batch", p.smallBatch), ("large-batch", p.largeBatch)] where batch > p.data.train {
            throw KindIssue(path: key, message: "batch exceeds the \(p.data.train) training examples")
        }
    }

    public var quickCaps: KeyValuePairs<String, Int> {
        ["data.train": 100, "data.test": 100, "large-batch": 100, "small-batch": 10, "steps": 50, "points": 9]
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["a", "train-loss", "test-loss", "test-accuracy"],
                      scalars: ["barrier", "small-train-loss", "large-train-loss", "small-test-accuracy", "large-test-accuracy",
                                "small-top-eigenvalue", "large-top-eigenvalue", "top-eigenvalue-ratio"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        var dataRNG = SeededGenerator(seed: 0xBA7C_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: p.data.train, test: max(p.data.test, 1), rng: &dataRNG)
        let test = testOptional!
        var initRNG = SeededGenerator(seed: seed)
        let architecture = ModelArchitecture.mlp(hidden: p.hidden, activation: p.activation.activation)
        let initial = try Model(architecture: architecture, inputShape: [task.dimension], classes: task.classes, rng: &initRNG).flatParameters()

        /// Plain SGD from the shared initialization for exactly `steps` steps (TrainingCore's `Trainer`).
        func trained(batch: Int, stream: UInt64) throws -> Model {
            var rng = SeededGenerator(seed: seed &+ stream)
            var unused = SeededGenerator(seed: 0)
            let model = try Model(architecture: architecture, inputShape: [task.dimension], classes: task.classes, rng: &unused)
            try model.setFlatParameters(initial)
            let stepsPerEpoch = (train.count + batch - 1) / batch
            let config = TrainingConfig.kind(batch: batch, epochs: (p.steps + stepsPerEpoch - 1) / stepsPerEpoch,
                                             optimizer: .sgd(.init(learningRate: p.lr)), stepBudget: p.steps)
            let history = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { progress in
                context.progress(RunProgress(epoch: progress.steps, epochs: p.steps, loss: .nan, accuracy: .nan))
            })
            if history.stopReason == .diverged { throw BookError("batch \(batch): training diverged (lr \(p.lr) too large?)") }
            return model
        }
        let small = try trained(batch: p.smallBatch, stream: 1)
        let large = try trained(batch: p.largeBatch, stream: 2)
        let a0 = small.flatParameters(), a1 = large.flatParameters()

        var m = Measurements()
        var unused = SeededGenerator(seed: 0)
        let probe = try Model(architecture: architecture, inputShape: [task.dimension], classes: task.classes, rng: &unused)
        var lineLoss: [(a: Double, loss: Double)] = []
        for k in 0..<p.points {
            let a = -0.5 + 2 * Double(k) / Double(p.points - 1)
            var theta = [Float](repeating: 0, count: a0.count)                 // θ(a)  (P)
            for k in theta.indices { theta[k] = Float((1 - a) * Double(a0[k]) + a * Double(a1[k])) }
            try probe.setFlatParameters(theta)
            let tr = Evaluation(model: probe, data: train), te = Evaluation(model: probe, data: test)
            m.series["a", default: []].append(a)
            m.series["train-loss", default: []].append(tr.loss)
            m.series["test-loss", default: []].append(te.loss)
            m.series["test-accuracy", default: []].append(te.accuracy)
            lineLoss.append((a, tr.loss))
        }
        let ends = [Evaluation(model: small, data: train).loss, Evaluation(model: large, data: train).loss]
        let inside = lineLoss.filter { $0.a >= 0 && $0.a <= 1 }.map(\.loss).max() ?? .nan
        m.scalars["barrier"] = max(inside - ends.max()!, 0)
        m.scalars["small-train-loss"] = ends[0]
        m.scalars["large-train-loss"] = ends[1]
        m.scalars["small-test-accuracy"] = Evaluation(model: small, data: test).accuracy
        m.scalars["large-test-accuracy"] = Evaluation(model: large, data: test).accuracy
        var lanczosRNG = SeededGenerator(seed: seed &+ 3)
        for (name, model) in [("small", small), ("large", large)] {
            let net = try SmallNetwork(model: model)
            m.scalars["\(name)-top-eigenvalue"] = try net.topHessianEigenvalues(inputs: train.float64Inputs, labels: train.labels,
                                                                                count: 1, iterations: 30, rng: &lanczosRNG)[0]
        }
        m.scalars["top-eigenvalue-ratio"] = m.scalars["large-top-eigenvalue"]! / m.scalars["small-top-eigenvalue"]!
        return m
    }
}
