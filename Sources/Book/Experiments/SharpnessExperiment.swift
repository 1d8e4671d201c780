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
public struct SharpnessExperiment: Experiment {
    public init() {}
    public var name: String { "sharpness" }
    public var version: String { "sharpness-1" }

    public struct Parameters: SpecRecord {
        enum Method: String, SpecChoice { case sgd, sam, saf }
        var data = MixtureSection(train: 500, test: 1000, clusters: 8, dimension: 10, separation: 3)
        var hidden = [32]
        var activation = TanhOrReLU.tanh
        var method = Method.sgd
        var lr = 0.05
        var momentum = 0.9
        var batch = 25
        var epochs = 40
        var rho = 0.05
        var lambda = 0.3
        var tau = 5.0
        var lag = 3
        var lanczos = 30

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("hidden", \.hidden, 1...512, count: 1...3),
            SpecParameter("activation", \.activation),
            SpecParameter("method", \.method),
            SpecParameter("lr", \.lr, 1e-6...10),
            SpecParameter("momentum", \.momentum, 0...0.999),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("epochs", \.epochs, 1...10000),
            SpecParameter("rho", \.rho, 0...10, "SAM's neighbourhood radius"),
            SpecParameter("lambda", \.lambda, 0...100, "SAF's weight λ"),
            SpecParameter("tau", \.tau, 0.01...100, "SAF's temperature τ"),
            SpecParameter("lag", \.lag, 1...1000, "SAF: epochs between the recorded and the current logits"),
            SpecParameter("lanczos", \.lanczos, 2...500, "Lanczos iterations for the top eigenvalue"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try checkBatch(p.batch, fits: p.data.train)
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 100, "data.test": 100, "epochs": 4, "lag": 1, "lanczos": 10] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-loss", "train-accuracy", "test-accuracy"],
                      scalars: ["seconds-per-step", "gradients-per-step", "top-eigenvalue", "final-train-loss", "final-test-accuracy", "gap", "parameters"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        var dataRNG = SeededGenerator(seed: 0x5AF0_0000 &+ seed)
        let (train, testOptional) = try task.sample(train: p.data.train, test: max(1, p.data.test), rng: &dataRNG)
        let test = testOptional!
        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: p.hidden, activation: p.activation.activation),
                              inputShape: [task.dimension], classes: task.classes, rng: &rng)
        let sgd = OptimizerConfig.SGD(learningRate: p.lr, momentum: p.momentum)
        var config = TrainingConfig.kind(batch: p.batch, epochs: p.epochs, optimizer: p.method == .sam ? .sam(.init(rho: p.rho, base: sgd)) : .sgd(sgd))
        config.evaluateTrainSet = true
        config.testEvery = 1
        let term = p.method == .saf ? TrajectoryTerm(lambda: p.lambda, tau: p.tau, lag: p.lag) : nil
        let history = try Trainer.train(model: model, train: train, test: test, config: config, rng: &rng, logitTerm: term,
                                        progress: { e in context.progress(RunProgress(epoch: e.epoch, epochs: p.epochs, loss: e.trainLoss, accuracy: e.trainAccuracy)) })
        if history.stopReason == .diverged { throw BookError("\(p.method.rawValue): training diverged at epoch \(history.epochs.count)") }
        var m = Measurements()
        m.series["epoch"] = history.epochs.map { Double($0.epoch) }
        m.series["train-loss"] = history.epochs.map(\.trainLoss)
        m.series["train-accuracy"] = history.epochs.map(\.trainAccuracy)
        m.series["test-accuracy"] = history.epochs.map { $0.testAccuracy! }
        var lanczosRNG = SeededGenerator(seed: seed &+ 11)
        let net = try SmallNetwork(model: model)
        m.scalars["top-eigenvalue"] = try net.topHessianEigenvalues(inputs: train.float64Inputs, labels: train.labels, count: 1,
                                                                    iterations: p.lanczos, rng: &lanczosRNG)[0]
        m.scalars["seconds-per-step"] = history.stepSeconds / Double(max(history.stepCount, 1))
        m.scalars["gradients-per-step"] = p.method == .sam ? 2 : 1      // backward passes per step, by construction
        m.scalars["final-train-loss"] = m.series["train-loss"]!.last!
        m.scalars["final-test-accuracy"] = m.series["test-accuracy"]!.last!
        m.scalars["gap"] = m.series["train-accuracy"]!.last! - m.series["test-accuracy"]!.last!
        m.scalars["parameters"] = Double(model.parameterCount)
        return m
    }
}
