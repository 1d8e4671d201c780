import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: distillation` — knowledge distillation and supervision complexity (Harutyunyan et al. 2023),
/// at CPU scale: a wide MLP teacher and three identical small MLP students on a Fashion-MNIST subset.
///
/// - The teacher trains on the hard labels; after every `teacher-epochs / checkpoints` epochs its
///   softened predictions `softmax(z/T)` on the training set are kept as one checkpoint's targets.
/// - Student `hard` trains on the one-hot labels; `soft` on the final teacher's targets; `online` on
///   the checkpoints' targets in order, an equal share of its epochs on each (``SoftTargetTerm``;
///   the student's own softmax is at temperature 1). All three start from the same weights and see
///   the same batches.
/// - Supervision complexity (``supervisionComplexity(kernel:count:targets:outputs:ridge:)``) of each
///   target set under the students' tangent kernel at initialization, on the first
///   `kernel-examples` training images: low when the targets lie along the kernel's large
///   eigenvalues, which is the paper's explanation of why soft targets are easier to learn from.
public struct DistillationExperiment: Experiment {
    public init() {}
    public var name: String { "distillation" }
    public var version: String { "distillation-1" }

    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 2000, test: 2000, testLimit: 1...10000)
        var teacherHidden = [512]
        var studentHidden = [16]
        var temperature = 2.0
        var teacherEpochs = 40
        var studentEpochs = 40
        var checkpoints = 4
        var lr = 0.001
        var batch = 64
        var kernelExamples = 1000

        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("teacher-hidden", \.teacherHidden, 1...4096, count: 1...3, "the teacher MLP's hidden widths (ReLU)"),
            SpecParameter("student-hidden", \.studentHidden, 1...4096, count: 1...1, "the students' one hidden layer (ReLU)"),
            SpecParameter("temperature", \.temperature, 0.1...100, "T of the teacher's softened predictions softmax(z/T)"),
            SpecParameter("teacher-epochs", \.teacherEpochs, 1...10000),
            SpecParameter("student-epochs", \.studentEpochs, 1...10000),
            SpecParameter("checkpoints", \.checkpoints, 1...100, "teacher checkpoints the online student learns from, evenly spaced"),
            SpecParameter("lr", \.lr, 1e-6...10, "Adam's learning rate (β 0.9, 0.999), teacher and students"),
            SpecParameter("batch", \.batch, 1...100000),
            SpecParameter("kernel-examples", \.kernelExamples, 2...5000, "training images the supervision complexity is computed on"),
        ]
        public init() {}
    }

    public func check(_ p: Parameters) throws(KindIssue) {
        try checkBatch(p.batch, fits: p.data.train)
        if p.kernelExamples > p.data.train {
            throw KindIssue(path: "kernel-examples", message: "\(p.kernelExamples) exceeds the \(p.data.train) training images (valid: 2...\(p.data.train))")
        }
        if p.teacherEpochs % p.checkpoints != 0 || p.studentEpochs % p.checkpoints != 0 {
            throw KindIssue(path: "checkpoints", message: "\(p.checkpoints) checkpoints must divide teacher-epochs (\(p.teacherEpochs)) and student-epochs (\(p.studentEpochs))")
        }
    }

    public var quickCaps: KeyValuePairs<String, Int> {
        ["data.train": 200, "data.test": 200, "teacher-epochs": 4, "student-epochs": 4, "checkpoints": 2, "kernel-examples": 100]
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["checkpoint", "checkpoint-complexity", "checkpoint-teacher-test-accuracy"],
                      scalars: ["teacher-test-accuracy", "teacher-train-accuracy", "hard-test-accuracy", "soft-test-accuracy",
                                "online-test-accuracy", "teacher-minus-hard", "soft-minus-hard", "online-minus-soft", "online-minus-hard",
                                "complexity-hard", "complexity-soft", "complexity-first-checkpoint",
                                "complexity-hard-minus-soft", "complexity-soft-minus-first-checkpoint",
                                "teacher-parameters", "student-parameters"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (train, testSet) = try p.data.source.loadCached()
        let test = testSet!
        let k = train.classes, n = train.count
        let adam = OptimizerConfig.adam(.init(learningRate: p.lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        var m = Measurements()

        // Teacher, with its softened training-set predictions at every checkpoint.
        var teacherRNG = SeededGenerator(seed: seed, stream: "teacher")
        let teacher = try Model(architecture: .mlp(hidden: p.teacherHidden, activation: .relu), inputShape: train.sampleShape, classes: k, rng: &teacherRNG)
        let every = p.teacherEpochs / p.checkpoints
        var checkpointTargets: [[Float]] = []
        let temperature = p.temperature
        let observer = TrainingObserver(afterEpoch: { model, record in
            if record.epoch % every == 0 {
                checkpointTargets.append(DistillationExperiment.softened(Evaluation(model: model, data: train).logits, classes: k, temperature: temperature))
                m.series["checkpoint", default: []].append(Double(checkpointTargets.count))
                m.series["checkpoint-teacher-test-accuracy", default: []].append(Evaluation(model: model, data: test).accuracy)
            }
            context.progress(RunProgress(epoch: record.epoch, epochs: p.teacherEpochs + 3 * p.studentEpochs, loss: record.trainLoss, accuracy: record.trainAccuracy))
            return .proceed
        })
        _ = try Trainer.train(model: teacher, train: train, test: nil,
                              config: .kind(batch: p.batch, epochs: p.teacherEpochs, optimizer: adam), rng: &teacherRNG, observer: observer)
        m.scalars["teacher-test-accuracy"] = Evaluation(model: teacher, data: test).accuracy
        m.scalars["teacher-train-accuracy"] = Evaluation(model: teacher, data: train).accuracy
        m.scalars["teacher-parameters"] = Double(teacher.parameterCount)

        // Three students from the same initial weights, on the same batch order.
        func student() throws -> Model {
            var rng = SeededGenerator(seed: seed, stream: "student")
            return try Model(architecture: .mlp(hidden: p.studentHidden, activation: .relu), inputShape: train.sampleShape, classes: k, rng: &rng)
        }
        let initial = try student()
        m.scalars["student-parameters"] = Double(initial.parameterCount)
        let studentConfig = TrainingConfig.kind(batch: p.batch, epochs: p.studentEpochs, optimizer: adam)
        let perCheckpoint = p.studentEpochs / p.checkpoints
        let terms: [(name: String, term: LogitGradientTerm?)] = [
            ("hard", nil),
            ("soft", SoftTargetTerm(targets: checkpointTargets.last!)),
            ("online", SoftTargetTerm { epoch in epoch % perCheckpoint == 0 ? checkpointTargets[epoch / perCheckpoint] : nil }),
        ]
        for (index, entry) in terms.enumerated() {
            let model = try student()
            var orderRNG = SeededGenerator(seed: seed, stream: "student batches")
            _ = try Trainer.train(model: model, train: train, test: nil, config: studentConfig, rng: &orderRNG, logitTerm: entry.term)
            m.scalars["\(entry.name)-test-accuracy"] = Evaluation(model: model, data: test).accuracy
            context.progress(RunProgress(epoch: p.teacherEpochs + (index + 1) * p.studentEpochs, epochs: p.teacherEpochs + 3 * p.studentEpochs,
                                         loss: 0, accuracy: m.scalars["\(entry.name)-test-accuracy"]!))
        }
        m.scalars["teacher-minus-hard"] = m.scalars["teacher-test-accuracy"]! - m.scalars["hard-test-accuracy"]!
        m.scalars["soft-minus-hard"] = m.scalars["soft-test-accuracy"]! - m.scalars["hard-test-accuracy"]!
        m.scalars["online-minus-soft"] = m.scalars["online-test-accuracy"]! - m.scalars["soft-test-accuracy"]!
        m.scalars["online-minus-hard"] = m.scalars["online-test-accuracy"]! - m.scalars["hard-test-accuracy"]!

        // Supervision complexity under the students' tangent kernel at initialization.
        let count = p.kernelExamples
        let inputs = Array(train.float64Inputs.prefix(count * train.sampleSize))
        let kernel = try SmallNetwork(model: initial).tangentKernel(inputs: inputs)
        func complexity(_ targets: [Float]) throws -> Double {
            try supervisionComplexity(kernel: kernel, count: count, targets: targets.prefix(count * k).map(Double.init), outputs: k)
        }
        var oneHot = [Float](repeating: 0, count: n * k)
        for i in 0..<n { oneHot[i * k + train.labels[i]] = 1 }
        m.scalars["complexity-hard"] = try complexity(oneHot)
        m.scalars["complexity-soft"] = try complexity(checkpointTargets.last!)
        m.series["checkpoint-complexity"] = try checkpointTargets.map(complexity)
        m.scalars["complexity-first-checkpoint"] = m.series["checkpoint-complexity"]![0]
        m.scalars["complexity-hard-minus-soft"] = m.scalars["complexity-hard"]! - m.scalars["complexity-soft"]!
        m.scalars["complexity-soft-minus-first-checkpoint"] = m.scalars["complexity-soft"]! - m.scalars["complexity-first-checkpoint"]!
        return m
    }

    /// `softmax(z / T)` row by row for logits `(n, K)` (Float64 inside, max subtracted).
    static func softened(_ logits: [Float], classes k: Int, temperature: Double) -> [Float] {
        var out = [Float](repeating: 0, count: logits.count)
        for row in 0..<(logits.count / k) {
            let z = logits[(row * k)..<((row + 1) * k)]
            let top = Double(z.max()!)
            let e = z.map { exp((Double($0) - top) / temperature) }
            let sum = e.reduce(0, +)
            for c in 0..<k { out[row * k + c] = Float(e[c] / sum) }
        }
        return out
    }
}
