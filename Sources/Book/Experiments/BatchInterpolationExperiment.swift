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
            let trainer = StepwiseTrainer(model: model, momentum: 0)
            var done = 0
            while done < steps {
                for indices in StepwiseTrainer.batches(count: train.count, batch: batch, rng: &rng) where done < steps {
                    let part = train.subset(indices)
                    let (loss, _, g) = try trainer.gradient(inputs: part.inputs, labels: part.labels)
                    guard loss.isFinite else { throw BookError("batch \(batch): training diverged (lr \(lr) too large?)") }
                    try trainer.step(g, learningRate: lr)
                    done += 1
                }
                context.progress(RunProgress(epoch: done, epochs: steps, loss: .nan, accuracy: .nan))
            }
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
            let tr = try StepwiseTrainer.evaluate(probe, on: train), te = try StepwiseTrainer.evaluate(probe, on: test)
            m.series["a", default: []].append(a)
            m.series["train-loss", default: []].append(tr.loss)
            m.series["test-loss", default: []].append(te.loss)
            m.series["test-accuracy", default: []].append(te.accuracy)
            lineLoss.append((a, tr.loss))
        }
        let ends = [try StepwiseTrainer.evaluate(small, on: train).loss, try StepwiseTrainer.evaluate(large, on: train).loss]
        let inside = lineLoss.filter { $0.a >= 0 && $0.a <= 1 }.map(\.loss).max() ?? .nan
        m.scalars["barrier"] = max(inside - ends.max()!, 0)
        m.scalars["small-train-loss"] = ends[0]
        m.scalars["large-train-loss"] = ends[1]
        m.scalars["small-test-accuracy"] = try StepwiseTrainer.evaluate(small, on: test).accuracy
        m.scalars["large-test-accuracy"] = try StepwiseTrainer.evaluate(large, on: test).accuracy
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
