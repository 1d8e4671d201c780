import Foundation
import TrainingCore
import Probes

/// `kind: sharpness` — SGD vs SAM (Foret et al. 2021) vs SAF (Du et al. 2022) on a Gaussian
/// mixture: wall time per step, the final top Hessian eigenvalue (Lanczos on exact
/// Hessian-vector products of the Float64 copy), and accuracy.
///
/// - SAM: `ε = ρ g/‖g‖` with `g = ∇L(w)`, then the step uses `∇L(w + ε)` (two gradients a step).
/// - SAF: adds `λ τ² KL(softmax(z_past/τ) ‖ softmax(z/τ))` where `z_past` are the logits the
///   same example received `lag` epochs earlier (TrainingCore's ``TrajectoryTerm``).
///
/// All three train with TrainingCore's `Trainer` (textbook momentum SGD on fresh permutations).
public struct SharpnessExperiment: ExperimentKind {
    public init() {}
    public var name: String { "sharpness" }
    public var version: String { "sharpness-1" }

    public var parameters: [SpecField] {
        [
            GaussianMixtureTask.fields(train: 500, test: 1000, clusters: 8, dimension: 10, separation: 3),
            SpecField("hidden", .list(.integer(1...512), count: 1...3), default: .list([.integer(32)])),
            SpecField("activation", .choice(["tanh", "relu"]), default: .text("tanh")),
            SpecField("method", .choice(["sgd", "sam", "saf"]), default: .text("sgd")),
            SpecField("lr", .number(1e-6...10), default: .number(0.05)),
            SpecField("momentum", .number(0...0.999), default: .number(0.9)),
            SpecField("batch", .integer(1...100000), default: .integer(25)),
            SpecField("epochs", .integer(1...10000), default: .integer(40)),
            SpecField("rho", .number(0...10), default: .number(0.05), "SAM's neighbourhood radius"),
            SpecField("lambda", .number(0...100), default: .number(0.3), "SAF's weight λ"),
            SpecField("tau", .number(0.01...100), default: .number(5), "SAF's temperature τ"),
            SpecField("lag", .integer(1...1000), default: .integer(3), "SAF: epochs between the recorded and the current logits"),
            SpecField("lanczos", .integer(2...500), default: .integer(30), "Lanczos iterations for the top eigenvalue"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 100, "data.test": 100, "epochs": 4, "lag": 1, "lanczos": 10])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-loss", "train-accuracy", "test-accuracy"],
                      scalars: ["seconds-per-step", "gradients-per-step", "top-eigenvalue", "final-train-loss", "final-test-accuracy", "gap", "parameters"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic" }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = GaussianMixtureTask(spec: spec)
        var dataRNG = SeededGenerator(seed: 0x5AF0_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: spec[path: "data.train"]!.intValue!, test: max(1, spec[path: "data.test"]!.intValue!), rng: &dataRNG)
        let test = testOptional!
        var rng = SeededGenerator(seed: seed)
        let activation: Activation = spec[path: "activation"]!.textValue! == "relu" ? .relu : .tanh
        let model = try Model(architecture: .mlp(hidden: spec[path: "hidden"]!.listValue!.map { $0.intValue! }, activation: activation),
                              inputShape: [task.dimension], classes: task.classes, rng: &rng)
        let method = spec[path: "method"]!.textValue!
        let sgd = OptimizerConfig.SGD(learningRate: spec[path: "lr"]!.doubleValue!, momentum: spec[path: "momentum"]!.doubleValue!)
        let epochs = spec[path: "epochs"]!.intValue!
        var config = TrainingConfig.kind(batch: spec[path: "batch"]!.intValue!, epochs: epochs,
                                         optimizer: method == "sam" ? .sam(.init(rho: spec[path: "rho"]!.doubleValue!, base: sgd)) : .sgd(sgd))
        config.evaluateTrainSet = true
        config.testEvery = 1
        let term = method == "saf" ? TrajectoryTerm(lambda: spec[path: "lambda"]!.doubleValue!, tau: spec[path: "tau"]!.doubleValue!,
                                                    lag: spec[path: "lag"]!.intValue!) : nil
        let history = try Trainer.train(model: model, train: train, test: test, config: config, rng: &rng, logitTerm: term,
                                        progress: { p in context.progress(RunProgress(epoch: p.epoch, epochs: epochs, loss: p.trainLoss, accuracy: p.trainAccuracy)) })
        if history.stopReason == .diverged { throw BookError("\(method): training diverged at epoch \(history.epochs.count)") }
        var m = Measurements()
        m.series["epoch"] = history.epochs.map { Double($0.epoch) }
        m.series["train-loss"] = history.epochs.map(\.trainLoss)
        m.series["train-accuracy"] = history.epochs.map(\.trainAccuracy)
        m.series["test-accuracy"] = history.epochs.map { $0.testAccuracy! }
        var lanczosRNG = SeededGenerator(seed: seed &+ 11)
        let net = try SmallNetwork(model: model)
        m.scalars["top-eigenvalue"] = try net.topHessianEigenvalues(inputs: train.float64Inputs, labels: train.labels, count: 1,
                                                                    iterations: spec[path: "lanczos"]!.intValue!, rng: &lanczosRNG)[0]
        m.scalars["seconds-per-step"] = history.stepSeconds / Double(max(history.stepCount, 1))
        m.scalars["gradients-per-step"] = method == "sam" ? 2 : 1      // backward passes per step, by construction
        m.scalars["final-train-loss"] = m.series["train-loss"]!.last!
        m.scalars["final-test-accuracy"] = m.series["test-accuracy"]!.last!
        m.scalars["gap"] = m.series["train-accuracy"]!.last! - m.series["test-accuracy"]!.last!
        m.scalars["parameters"] = Double(model.parameterCount)
        return m
    }
}
