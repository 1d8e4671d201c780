import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: sgld-ensemble` — stochastic gradient Langevin dynamics (Welling & Teh 2011) on a
/// Gaussian mixture: after a burn-in, every `thin` steps the weights are taken as one sample of
/// the (tempered) posterior, and the ensemble predicts with the average of the samples' softmax
/// outputs (the Bayesian model average).
///
/// Update on the mean training loss `L` with weight decay `λ` (a Gaussian prior) at temperature `T`:
/// `w ← w − η (∇L_batch(w) + λ w) + √(2 η T / n) ξ`,  `ξ ~ N(0, I)`, whose stationary density is
/// ∝ `exp(−n (L(w) + λ‖w‖²/2) / T)`.
///
/// Each sample is also compared with the task's Bayes-optimal rule (`bayesPredictions`; the
/// nearest-mean rule, a linear classifier, when every class is one cluster): its agreement is the
/// share of test points on which the two predict the same class, and `simple-posterior-weight` is
/// the share of samples whose agreement reaches `simple-agreement` — the posterior mass near that
/// simple hypothesis. As a measure of each sample's complexity that does not refer to the true
/// rule, `linear-fit-agreement` is the share of test points on which a linear classifier, fitted by
/// logistic regression to the sample's own predictions there, reproduces them (1: the sample is a
/// linear function on the test inputs).
public struct SGLDEnsembleExperiment: Experiment {
    public init() {}
    public var name: String { "sgld-ensemble" }
    public var version: String { "sgld-ensemble-2" }

    public struct Parameters: SpecRecord {
        var data = MixtureSection(train: 100, test: 1000, clusters: 8, dimension: 10, separation: 3)
        var hidden = [64]
        var lr = 0.02
        var weightDecay = 0.01
        var temperature = 1.0
        var batch = 25
        var burnIn = 2000
        var samples = 40
        var thin = 100
        var simpleAgreement = 0.95

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("hidden", \.hidden, 1...4096, count: 1...3),
            SpecParameter("lr", \.lr, 1e-7...10),
            SpecParameter("weight-decay", \.weightDecay, 0...100, "λ: the Gaussian prior's precision per example"),
            SpecParameter("temperature", \.temperature, 0...100),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("burn-in", \.burnIn, 0...1_000_000, "steps before the first sample"),
            SpecParameter("samples", \.samples, 1...10000),
            SpecParameter("thin", \.thin, 1...100000, "steps between samples"),
            SpecParameter("simple-agreement", \.simpleAgreement, 0...1,
                          "agreement with the Bayes rule on the test points at which a sample counts as that simple hypothesis"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try checkBatch(p.batch, fits: p.data.train)
    }

    public var quickCaps: KeyValuePairs<String, Int> { ["data.test": 100, "burn-in": 50, "samples": 4, "thin": 10] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["sample", "sample-test-accuracy", "ensemble-test-accuracy-so-far", "sample-bayes-agreement", "sample-linear-fit-agreement"],
                      scalars: ["ensemble-test-accuracy", "mean-sample-test-accuracy", "sample-accuracy-spread", "disagreement",
                                "ensemble-test-nll", "mean-sample-test-nll", "mean-sample-train-accuracy", "ensemble-gain",
                                "bayes-test-accuracy", "mean-bayes-agreement", "ensemble-bayes-agreement", "simple-posterior-weight",
                                "mean-linear-fit-agreement", "ensemble-linear-fit-agreement"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let task = p.data.task
        let k = task.classes
        let n = p.data.train
        let (train, test, means) = try SGLDEnsembleExperiment.data(task, train: n, test: p.data.test, seed: seed)
        let bayes = task.bayesPredictions(test.inputs, means: means)                // the simple hypothesis on the test points
        let simpleAgreement = p.simpleAgreement
        var rng = SeededGenerator(seed: seed &+ 1)
        let model = try Model(architecture: .mlp(hidden: p.hidden, activation: .relu), inputShape: [task.dimension], classes: k, rng: &rng)
        let lr = p.lr, batch = p.batch, burnIn = p.burnIn, samples = p.samples, thin = p.thin
        let total = burnIn + samples * thin

        var m = Measurements()
        var averaged = [Double](repeating: 0, count: test.count * k)             // Σ softmax over samples (N, K)
        var sampleAccuracies: [Double] = [], sampleNLLs: [Double] = [], trainAccuracies: [Double] = []
        var samplePredictions: [[Int]] = [], bayesAgreements: [Double] = [], linearAgreements: [Double] = []
        // One linear classifier, warm-started from one sample's fit to the next (its own stream).
        var linearRNG = SeededGenerator(seed: seed &+ 0x11EA)
        let linear = try Model(architecture: .mlp(hidden: [], activation: .relu), inputShape: [task.dimension], classes: k, rng: &linearRNG)
        /// Takes the current weights as one posterior sample.
        func sample(_ model: Model) throws {
            let te = Evaluation(model: model, data: test)
            for i in 0..<test.count {
                let row = te.logits[(i * k)..<((i + 1) * k)]
                let top = row.max()!
                let e = row.map { exp(Double($0 - top)) }
                let s = e.reduce(0, +)
                for c in 0..<k { averaged[i * k + c] += e[c] / s }
            }
            sampleAccuracies.append(te.accuracy)
            sampleNLLs.append(te.loss)
            samplePredictions.append(te.predictions)
            bayesAgreements.append(SGLDEnsembleExperiment.agreement(te.predictions, bayes))
            linearAgreements.append(try SGLDEnsembleExperiment.linearFitAgreement(linear, inputs: test.inputs, targets: te.predictions))
            trainAccuracies.append(Evaluation(model: model, data: train).accuracy)
            let (ensembleAccuracy, _) = SGLDEnsembleExperiment.ensemble(averaged, count: sampleAccuracies.count, test: test, classes: k)
            m.series["sample", default: []].append(Double(sampleAccuracies.count))
            m.series["sample-test-accuracy", default: []].append(te.accuracy)
            m.series["ensemble-test-accuracy-so-far", default: []].append(ensembleAccuracy)
            m.series["sample-bayes-agreement", default: []].append(bayesAgreements.last!)
            m.series["sample-linear-fit-agreement", default: []].append(linearAgreements.last!)
            context.progress(RunProgress(epoch: sampleAccuracies.count, epochs: samples, loss: te.loss, accuracy: ensembleAccuracy))
        }
        // SGLD (TrainingCore's Langevin update) for `total` steps; a sample every `thin` steps after the burn-in.
        let stepsPerEpoch = (n + batch - 1) / batch
        let config = TrainingConfig.kind(batch: batch, epochs: (total + stepsPerEpoch - 1) / stepsPerEpoch,
                                         optimizer: .sgld(.init(learningRate: lr, temperature: p.temperature, weightDecay: p.weightDecay)),
                                         stepBudget: total)
        let observer = TrainingObserver(everySteps: 1, afterStep: { model, step in
            if step > burnIn, (step - burnIn) % thin == 0 { try sample(model) }
            return .proceed
        })
        _ = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, observer: observer)
        let (ensembleAccuracy, ensembleNLL) = SGLDEnsembleExperiment.ensemble(averaged, count: samples, test: test, classes: k)
        let ensemblePredictions = (0..<test.count).map { i in (0..<k).max { averaged[i * k + $0] < averaged[i * k + $1] }! }
        let meanAccuracy = sampleAccuracies.reduce(0, +) / Double(samples)
        m.scalars["ensemble-test-accuracy"] = ensembleAccuracy
        m.scalars["ensemble-test-nll"] = ensembleNLL
        m.scalars["mean-sample-test-accuracy"] = meanAccuracy
        m.scalars["ensemble-gain"] = ensembleAccuracy - meanAccuracy
        m.scalars["mean-sample-test-nll"] = sampleNLLs.reduce(0, +) / Double(samples)
        m.scalars["mean-sample-train-accuracy"] = trainAccuracies.reduce(0, +) / Double(samples)
        m.scalars["sample-accuracy-spread"] = sampleAccuracies.count > 1 ? try Statistics.standardDeviation(sampleAccuracies) : 0
        m.scalars["disagreement"] = samplePredictions.map { p in
            Double(zip(p, ensemblePredictions).filter { $0 != $1 }.count) / Double(test.count)
        }.reduce(0, +) / Double(samples)
        m.scalars["bayes-test-accuracy"] = SGLDEnsembleExperiment.agreement(bayes, test.labels)
        m.scalars["mean-bayes-agreement"] = bayesAgreements.reduce(0, +) / Double(samples)
        m.scalars["ensemble-bayes-agreement"] = SGLDEnsembleExperiment.agreement(ensemblePredictions, bayes)
        m.scalars["simple-posterior-weight"] = Double(bayesAgreements.filter { $0 >= simpleAgreement }.count) / Double(samples)
        m.scalars["mean-linear-fit-agreement"] = linearAgreements.reduce(0, +) / Double(samples)
        m.scalars["ensemble-linear-fit-agreement"] = try SGLDEnsembleExperiment.linearFitAgreement(linear, inputs: test.inputs, targets: ensemblePredictions)
        return m
    }

    /// The run's data, which depend on the seed only: runs with different training sizes share the
    /// task (its cluster `means`, `(clusters, d)`) and the test set (at least 1 point), and their
    /// training sets are nested — the first 1,000 points are drawn before the test set, further
    /// points after it in blocks of 1,000 (each balanced and shuffled as `points` does), all
    /// around the same means.
    static func data(_ task: GaussianMixtureTask, train n: Int, test: Int, seed: UInt64) throws -> (train: LabeledData, test: LabeledData, means: [Double]) {
        let block = 1000
        var dataRNG = SeededGenerator(seed: 0x5617_0000 &+ seed)
        var meansRNG = dataRNG
        let means = task.drawMeans(rng: &meansRNG)                                  // (clusters, d), as `sample` draws them
        let (first, testSet) = try task.sample(train: block, test: max(1, test), rng: &dataRNG)
        guard n > block else { return (first.prefix(n), testSet!, means) }
        var inputs = first.inputs.scalars, labels = first.labels
        while labels.count < n {
            let more = try task.points(block, means: means, rng: &dataRNG)
            inputs += more.inputs.scalars
            labels += more.labels
        }
        let all = try LabeledData(inputs: Tensor(shape: [labels.count, task.dimension], scalars: inputs), labels: labels, classes: task.classes)
        return (all.prefix(n), testSet!, means)
    }

    /// Fits `linear` (a softmax regression, no hidden layer) to the class labels `targets` of
    /// `inputs (n, d)` by 300 full-batch gradient steps on the cross-entropy (lr 0.5, momentum 0.9,
    /// starting from its current weights), and returns the share of inputs whose target it reproduces.
    static func linearFitAgreement(_ linear: Model, inputs: Tensor, targets: [Int]) throws -> Double {
        let data = try LabeledData(inputs: inputs, labels: targets, classes: linear.outputCount)
        let config = TrainingConfig.kind(batch: data.count, epochs: 300, optimizer: .sgd(.init(learningRate: 0.5, momentum: 0.9)), order: .inOrder)
        var unused = SeededGenerator(seed: 0)
        _ = try Trainer.train(model: linear, train: data, test: nil, config: config, rng: &unused)
        return Evaluation(model: linear, data: data).accuracy
    }

    /// The share of positions at which two equally long lists of class predictions agree.
    static func agreement(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count && !a.isEmpty, "agreement needs two non-empty lists of equal length")
        return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }

    /// Accuracy and mean negative log-likelihood of the averaged softmax `sum (N, K)` of `count` samples.
    static func ensemble(_ sum: [Double], count: Int, test: LabeledData, classes k: Int) -> (accuracy: Double, nll: Double) {
        var correct = 0, nll = 0.0
        for i in 0..<test.count {
            let row = (0..<k).map { sum[i * k + $0] / Double(count) }
            if (0..<k).max(by: { row[$0] < row[$1] }) == test.labels[i] { correct += 1 }
            nll -= log(max(row[test.labels[i]], 1e-300))
        }
        return (Double(correct) / Double(test.count), nll / Double(test.count))
    }
}
