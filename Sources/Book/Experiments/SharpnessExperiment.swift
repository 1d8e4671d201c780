import Foundation
import TrainingCore
import Probes

/// `kind: sharpness` — SGD vs SAM (Foret et al. 2021) vs SAF (Du et al. 2022) on a Gaussian
/// mixture: wall time per step, the final top Hessian eigenvalue (Lanczos on exact
/// Hessian-vector products of the Float64 copy), and accuracy.
///
/// - SAM: `ε = ρ g/‖g‖` with `g = ∇L(w)`, then the step uses `∇L(w + ε)` (two gradients a step).
/// - SAF: adds `λ τ² KL(softmax(z_past/τ) ‖ softmax(z/τ))` where `z_past` are the logits the
///   same example received `lag` epochs earlier (recorded during training, no extra pass); its
///   logit gradient is `λ τ (softmax(z/τ) − softmax(z_past/τ))` per example.
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
        let trainer = StepwiseTrainer(model: model, momentum: spec[path: "momentum"]!.doubleValue!)
        let method = spec[path: "method"]!.textValue!
        let lr = spec[path: "lr"]!.doubleValue!, batch = spec[path: "batch"]!.intValue!, epochs = spec[path: "epochs"]!.intValue!
        let rho = spec[path: "rho"]!.doubleValue!, lambda = spec[path: "lambda"]!.doubleValue!, tau = spec[path: "tau"]!.doubleValue!
        let lag = spec[path: "lag"]!.intValue!
        let k = task.classes

        // SAF: logits of every training example at the end of each epoch's pass, (n, K) per epoch.
        var recorded: [[Float]] = []
        var m = Measurements()
        var seconds = 0.0, steps = 0
        for epoch in 1...epochs {
            var current = [Float](repeating: 0, count: train.count * k)
            let past: [Float]? = (method == "saf" && epoch > lag) ? recorded[epoch - 1 - lag] : nil
            for indices in StepwiseTrainer.batches(count: train.count, batch: batch, rng: &rng) {
                let part = train.subset(indices)
                let start = Date()
                var g: [Float]
                switch method {
                case "sam":
                    let w = model.flatParameters()
                    let first = try trainer.gradient(inputs: part.inputs, labels: part.labels).gradient
                    let norm = first.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                    let scale = norm > 0 ? Float(rho) / norm : 0
                    try model.setFlatParameters(zip(w, first).map { $0 + scale * $1 })   // w + ε
                    g = try trainer.gradient(inputs: part.inputs, labels: part.labels).gradient
                    try model.setFlatParameters(w)
                default:
                    let result = try trainer.gradient(inputs: part.inputs, labels: part.labels) { logits, dLogits in
                        guard let past else { return }
                        SharpnessExperiment.addTrajectoryGradient(logits: logits, past: past, rows: indices, classes: k,
                                                                  lambda: lambda, tau: tau, into: &dLogits)
                    }
                    g = result.gradient
                    if method == "saf" {
                        for (r, i) in indices.enumerated() { for c in 0..<k { current[i * k + c] = result.logits.scalars[r * k + c] } }
                    }
                }
                try trainer.step(g, learningRate: lr)
                seconds += Date().timeIntervalSince(start)
                steps += 1
            }
            if method == "saf" { recorded.append(current) }
            let tr = try StepwiseTrainer.evaluate(model, on: train), te = try StepwiseTrainer.evaluate(model, on: test)
            guard tr.loss.isFinite else { throw BookError("\(method): training diverged at epoch \(epoch)") }
            m.series["epoch", default: []].append(Double(epoch))
            m.series["train-loss", default: []].append(tr.loss)
            m.series["train-accuracy", default: []].append(tr.accuracy)
            m.series["test-accuracy", default: []].append(te.accuracy)
            context.progress(RunProgress(epoch: epoch, epochs: epochs, loss: tr.loss, accuracy: tr.accuracy))
        }
        var lanczosRNG = SeededGenerator(seed: seed &+ 11)
        let net = try SmallNetwork(model: model)
        m.scalars["top-eigenvalue"] = try net.topHessianEigenvalues(inputs: train.float64Inputs, labels: train.labels, count: 1,
                                                                    iterations: spec[path: "lanczos"]!.intValue!, rng: &lanczosRNG)[0]
        m.scalars["seconds-per-step"] = seconds / Double(steps)
        m.scalars["gradients-per-step"] = method == "sam" ? 2 : 1      // backward passes per step, by construction
        m.scalars["final-train-loss"] = m.series["train-loss"]!.last!
        m.scalars["final-test-accuracy"] = m.series["test-accuracy"]!.last!
        m.scalars["gap"] = m.series["train-accuracy"]!.last! - m.series["test-accuracy"]!.last!
        m.scalars["parameters"] = Double(model.parameterCount)
        return m
    }

    /// Adds SAF's `∂/∂z [λ τ² KL(softmax(z_past/τ) ‖ softmax(z/τ))] / B = λ τ (q − q_past) / B` to
    /// `dLogits (B, K)`; `past` is `(n, K)` indexed by example, `rows[r]` the example of row `r`.
    static func addTrajectoryGradient(logits: Tensor, past: [Float], rows: [Int], classes k: Int,
                                      lambda: Double, tau: Double, into dLogits: inout Tensor) {
        let b = rows.count
        let scale = Float(lambda * tau / Double(b))
        func softened(_ z: ArraySlice<Float>) -> [Float] {
            let t = z.map { Double($0) / tau }
            let top = t.max()!
            let e = t.map { exp($0 - top) }
            let s = e.reduce(0, +)
            return e.map { Float($0 / s) }
        }
        for r in 0..<b {
            let q = softened(logits.scalars[(r * k)..<((r + 1) * k)])
            let i = rows[r]
            let qp = softened(past[(i * k)..<((i + 1) * k)])
            for c in 0..<k { dLogits.scalars[r * k + c] += scale * (q[c] - qp[c]) }
        }
    }
}
