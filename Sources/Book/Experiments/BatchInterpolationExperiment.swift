import Foundation
import TrainingCore
import Probes

/// `kind: batch-interpolation` — Sagun et al. (2017, §4) / Keskar et al. (2017): two networks
/// from the same initialization, one trained with small batches and one with large batches at the
/// same learning rate, then the training and test loss along the straight line
/// `θ(a) = (1 − a) θ_small + a θ_large`, and each end's top Hessian eigenvalue (Lanczos on exact
/// Hessian-vector products).
public struct BatchInterpolationExperiment: ExperimentKind {
    public init() {}
    public var name: String { "batch-interpolation" }
    public var version: String { "batch-interpolation-1" }

    public var parameters: [SpecField] {
        [
            GaussianMixtureTask.fields(train: 500, test: 500, clusters: 4, dimension: 10, separation: 4),
            SpecField("hidden", .list(.integer(1...512), count: 1...3), default: .list([.integer(32)])),
            SpecField("activation", .choice(["tanh", "relu"]), default: .text("tanh")),
            SpecField("lr", .number(1e-6...10), default: .number(0.05)),
            SpecField("small-batch", .integer(1...100000), default: .integer(10)),
            SpecField("large-batch", .integer(1...100000), default: .integer(500)),
            SpecField("steps", .integer(1...1_000_000), default: .integer(3000), "optimizer steps for each network"),
            SpecField("points", .integer(3...1000), default: .integer(41), "points on the line, a from −0.5 to 1.5"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        let n = spec[path: "data.train"]!.intValue!
        for key in ["small-batch", "large-batch"] where spec[path: key]!.intValue! > n {
            throw KindIssue(path: key, message: "batch exceeds the \(n) training examples")
        }
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping([
            "data.train": 100,
            "data.test": 100,
            "large-batch": 100,
            "small-batch": 10,
            "steps": 50,
            "points": 9,
        ])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["a", "train-loss", "test-loss", "test-accuracy"],
                      scalars: ["barrier", "small-train-loss", "large-train-loss", "small-test-accuracy", "large-test-accuracy",
                                "small-top-eigenvalue", "large-top-eigenvalue", "top-eigenvalue-ratio"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic" }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = GaussianMixtureTask(spec: spec)
        var dataRNG = SeededGenerator(seed: 0xBA7C_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: spec[path: "data.train"]!.intValue!, test: max(spec[path: "data.test"]!.intValue!, 1), rng: &dataRNG)
        let test = testOptional!
        var initRNG = SeededGenerator(seed: seed)
        let activation: Activation = spec[path: "activation"]!.textValue! == "relu" ? .relu : .tanh
        let architecture = ModelArchitecture.mlp(hidden: spec[path: "hidden"]!.listValue!.map { $0.intValue! }, activation: activation)
        let initial = try Model(architecture: architecture, inputShape: [task.dimension], classes: task.classes, rng: &initRNG).flatParameters()
        let lr = spec[path: "lr"]!.doubleValue!, steps = spec[path: "steps"]!.intValue!

        func trained(batch: Int, stream: UInt64) throws -> Model {
            var rng = SeededGenerator(seed: seed &+ stream)
            var unused = SeededGenerator(seed: 0)
            let model = try Model(architecture: architecture, inputShape: [task.dimension], classes: task.classes, rng: &unused)
            try model.setFlatParameters(initial)
            // Plain SGD for exactly `steps` steps, a fresh permutation each epoch.
            let epochs = (steps + (train.count + batch - 1) / batch - 1) / ((train.count + batch - 1) / batch)
            let config = TrainingConfig.kind(batch: batch, epochs: epochs, optimizer: .sgd(.init(learningRate: lr)), stepBudget: steps)
            let history = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { p in
                context.progress(RunProgress(epoch: p.steps, epochs: steps, loss: .nan, accuracy: .nan))
            })
            if history.stopReason == .diverged { throw BookError("batch \(batch): training diverged (lr \(lr) too large?)") }
            return model
        }
        let small = try trained(batch: spec[path: "small-batch"]!.intValue!, stream: 1)
        let large = try trained(batch: spec[path: "large-batch"]!.intValue!, stream: 2)
        let a0 = small.flatParameters(), a1 = large.flatParameters()

        var m = Measurements()
        let points = spec[path: "points"]!.intValue!
        var unused = SeededGenerator(seed: 0)
        let probe = try Model(architecture: architecture, inputShape: [task.dimension], classes: task.classes, rng: &unused)
        var lineLoss: [(a: Double, loss: Double)] = []
        for k in 0..<points {
            let a = -0.5 + 2 * Double(k) / Double(points - 1)
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
