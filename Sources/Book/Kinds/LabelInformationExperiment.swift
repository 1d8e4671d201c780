import Foundation
import TrainingCore
import Probes

/// `kind: label-information` — Harutyunyan et al. (2020, 2021), simplified, on a Gaussian mixture
/// with label noise.
///
/// - `method: standard` trains an MLP with the usual cross-entropy gradient; its logit gradient
///   `softmax(z) − onehot(y)` carries each example's own (possibly wrong) label into the weights.
/// - `method: limit` replaces `onehot(y)` by the prediction `softmax(Q(x))` of a *linear* softmax
///   model `Q` trained on the same noisy labels alongside. The classifier's weights then receive
///   label information only through `Q`, which has too little capacity to store individual
///   labels. (The paper's LIMIT bounds this information with a penalty on a learned gradient
///   predictor; this is the simplest variant with the same information path.)
///
/// Informativeness: after `probe-epoch` epochs of standard training, each example gets the
/// linearized leave-one-out score `gᵢᵀ (F + δI)⁻¹ gᵢ / n` with `gᵢ` its loss gradient and `F` the
/// diagonal empirical Fisher `mean gᵢ²` — how much its own loss would change were it left out.
public struct LabelInformationExperiment: ExperimentKind {
    public init() {}
    public var name: String { "label-information" }
    public var version: String { "label-information-1" }

    public var parameters: [SpecField] {
        [
            GaussianMixtureTask.fields(train: 600, test: 1000, clusters: 8, dimension: 20, separation: 4),
            SpecField("noise", .number(0...1), default: .number(0.5), "fraction of training labels corrupted"),
            SpecField("noise-mode", .choice(["uniform", "other-class"]), default: .text("uniform"),
                      "a corrupted label is redrawn from all classes (may keep its value), or moved to another class"),
            SpecField("method", .choice(["standard", "limit"]), default: .text("standard")),
            SpecField("hidden", .list(.integer(1...4096), count: 1...3), default: .list([.integer(256)])),
            SpecField("lr", .number(1e-6...10), default: .number(0.05)),
            SpecField("batch", .integer(1...100000), default: .integer(20)),
            SpecField("epochs", .integer(1...10000), default: .integer(100)),
            SpecField("probe-epoch", .integer(0...10000), default: .integer(5), "epochs of standard training before the informativeness scores (0: none)"),
            SpecField("top-share", .number(0.001...1), default: .number(0.1), "share of most informative examples inspected"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {
        try spec.checkBatchFitsTrainingSet()
    }

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 100, "data.test": 100, "epochs": 3, "probe-epoch": 1])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "train-accuracy", "test-accuracy", "corrupt-fit", "informativeness-rank", "informativeness", "mislabelled", "mislabelled-precision"],
                      scalars: ["final-train-accuracy", "final-test-accuracy", "final-corrupt-fit", "clean-share",
                                "mislabelled-share-top", "mislabelled-share-all", "enrichment"])
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "synthetic" }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = GaussianMixtureTask(spec: spec)
        var dataRNG = SeededGenerator(seed: 0x11F0_0000 &+ seed)
        let (clean, testOptional) = try task.sample(train: spec[path: "data.train"]!.intValue!, test: max(1, spec[path: "data.test"]!.intValue!), rng: &dataRNG)
        let test = testOptional!
        let (train, corrupted) = try GaussianMixtureTask.corruptLabels(clean, fraction: spec[path: "noise"]!.doubleValue!,
                                                                       uniform: spec[path: "noise-mode"]!.textValue! == "uniform", rng: &dataRNG)
        let k = task.classes
        var rng = SeededGenerator(seed: seed)
        let hidden = spec[path: "hidden"]!.listValue!.map { $0.intValue! }
        let model = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: [task.dimension], classes: k, rng: &rng)
        let predictor = try Model(architecture: .mlp(hidden: [], activation: .relu), inputShape: [task.dimension], classes: k, rng: &rng)
        let trainer = StepwiseTrainer(model: model, momentum: 0.9)
        let predictorTrainer = StepwiseTrainer(model: predictor, momentum: 0.9)
        let limit = spec[path: "method"]!.textValue! == "limit"
        let lr = spec[path: "lr"]!.doubleValue!, batch = spec[path: "batch"]!.intValue!, epochs = spec[path: "epochs"]!.intValue!
        let probeEpoch = spec[path: "probe-epoch"]!.intValue!

        var m = Measurements()
        // Standard training until the probe epoch gives the informativeness scores.
        if probeEpoch > 0 {
            var unused = SeededGenerator(seed: 0)
            let probeModel = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: [task.dimension], classes: k, rng: &unused)
            try probeModel.setFlatParameters(model.flatParameters())
            let probeTrainer = StepwiseTrainer(model: probeModel, momentum: 0.9)
            var probeRNG = SeededGenerator(seed: seed &+ 0x9B)
            for _ in 0..<probeEpoch {
                for indices in StepwiseTrainer.batches(count: train.count, batch: batch, rng: &probeRNG) {
                    let part = train.subset(indices)
                    try probeTrainer.step(try probeTrainer.gradient(inputs: part.inputs, labels: part.labels).gradient, learningRate: lr)
                }
            }
            let scores = try LabelInformationExperiment.informativeness(trainer: probeTrainer, data: train)
            let order = scores.indices.sorted { scores[$0] > scores[$1] }
            m.series["informativeness-rank"] = order.indices.map { Double($0 + 1) }
            m.series["informativeness"] = order.map { scores[$0] }
            m.series["mislabelled"] = order.map { corrupted[$0] ? 1 : 0 }
            var hits = 0.0
            m.series["mislabelled-precision"] = order.enumerated().map { r, i in
                hits += corrupted[i] ? 1 : 0
                return hits / Double(r + 1)
            }
            let top = max(1, Int(spec[path: "top-share"]!.doubleValue! * Double(train.count)))
            let topShare = Double(order.prefix(top).filter { corrupted[$0] }.count) / Double(top)
            let allShare = Double(corrupted.filter { $0 }.count) / Double(train.count)
            m.scalars["mislabelled-share-top"] = topShare
            m.scalars["mislabelled-share-all"] = allShare
            m.scalars["enrichment"] = allShare > 0 ? topShare / allShare : .nan
        }

        for epoch in 1...epochs {
            for indices in StepwiseTrainer.batches(count: train.count, batch: batch, rng: &rng) {
                let part = train.subset(indices)
                if limit {
                    // Q learns the noisy labels; the classifier follows softmax(z) − softmax(Q(x)).
                    let (_, qLogits, qGradient) = try predictorTrainer.gradient(inputs: part.inputs, labels: part.labels)
                    try predictorTrainer.step(qGradient, learningRate: lr)
                    let g = try trainer.gradient(inputs: part.inputs, labels: part.labels) { _, dLogits in
                        let b = part.count
                        for r in 0..<b {
                            let row = qLogits.scalars[(r * k)..<((r + 1) * k)]
                            let top = row.max()!
                            let e = row.map { exp(Double($0 - top)) }
                            let s = e.reduce(0, +)
                            // dLogits holds (p − onehot(y))/B; swap onehot(y) for softmax(Q(x)).
                            dLogits.scalars[r * k + part.labels[r]] += 1 / Float(b)
                            for c in 0..<k { dLogits.scalars[r * k + c] -= Float(e[c] / s) / Float(b) }
                        }
                    }.gradient
                    try trainer.step(g, learningRate: lr)
                } else {
                    try trainer.step(try trainer.gradient(inputs: part.inputs, labels: part.labels).gradient, learningRate: lr)
                }
            }
            let tr = try StepwiseTrainer.evaluate(model, on: train)
            var corruptHits = 0
            for i in 0..<train.count where corrupted[i] && tr.predictions[i] == train.labels[i] { corruptHits += 1 }
            let corruptCount = corrupted.filter { $0 }.count
            m.series["epoch", default: []].append(Double(epoch))
            m.series["train-accuracy", default: []].append(tr.accuracy)
            m.series["test-accuracy", default: []].append(try StepwiseTrainer.evaluate(model, on: test).accuracy)
            m.series["corrupt-fit", default: []].append(corruptCount > 0 ? Double(corruptHits) / Double(corruptCount) : .nan)
            context.progress(RunProgress(epoch: epoch, epochs: epochs, loss: tr.loss, accuracy: tr.accuracy))
        }
        m.scalars["final-train-accuracy"] = m.series["train-accuracy"]!.last!
        m.scalars["final-test-accuracy"] = m.series["test-accuracy"]!.last!
        m.scalars["final-corrupt-fit"] = m.series["corrupt-fit"]!.last!
        m.scalars["clean-share"] = Double(corrupted.filter { !$0 }.count) / Double(train.count)
        return m
    }

    /// `sᵢ = gᵢᵀ (F + δI)⁻¹ gᵢ / n` with `F = diag(mean gᵢ²)` and `δ = 10⁻³ · mean(F)`.
    static func informativeness(trainer: StepwiseTrainer, data: LabeledData) throws -> [Double] {
        let gradients = try trainer.perExampleGradients(inputs: data.inputs, labels: data.labels)   // (n, P)
        let n = gradients.count, p = gradients.first?.count ?? 0
        var fisher = [Double](repeating: 0, count: p)
        for g in gradients { for j in 0..<p { fisher[j] += Double(g[j]) * Double(g[j]) / Double(n) } }
        let delta = 1e-3 * fisher.reduce(0, +) / Double(max(p, 1)) + 1e-12
        return gradients.map { g in
            var s = 0.0
            for j in 0..<p { s += Double(g[j]) * Double(g[j]) / (fisher[j] + delta) }
            return s / Double(n)
        }
    }
}
