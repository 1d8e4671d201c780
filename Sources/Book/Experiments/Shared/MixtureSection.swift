import TrainingCore
import Datasets

/// The `data:` section of the kinds that train on a synthetic ``GaussianMixtureTask``: the task
/// and how many training and test points to draw. Each kind sets its own defaults.
struct MixtureSection: SpecRecord, Equatable {
    var clusters = 4
    var classes = 0
    var dimension = 20
    var separation = 3.0
    var train = 400
    var test = 1000

    static let fields: [SpecParameter<Self>] = [
        SpecParameter("clusters", \.clusters, 1...64, "Gaussian clusters"),
        SpecParameter("classes", \.classes, 0...64, "classes (cluster j has class j mod classes; 0: one class per cluster)"),
        SpecParameter("dimension", \.dimension, 1...1024, "input dimension"),
        SpecParameter("separation", \.separation, 0...100, "spread of the cluster means (noise has unit variance)"),
        SpecParameter("train", \.train, 2...100000, "training examples"),
        SpecParameter("test", \.test, 0...100000, "test examples (clean labels)"),
    ]

    init() {}

    /// A section with a kind's defaults.
    init(train: Int, test: Int, clusters: Int = 4, dimension: Int = 20, separation: Double = 3) {
        self.train = train; self.test = test; self.clusters = clusters
        self.dimension = dimension; self.separation = separation
    }

    /// The task (classes 0 means one class per cluster).
    var task: GaussianMixtureTask {
        GaussianMixtureTask(clusters: clusters, classes: classes == 0 ? clusters : classes, dimension: dimension, separation: separation)
    }
}

/// The hidden activation of the kinds that offer tanh or ReLU (tanh listed first).
enum TanhOrReLU: String, SpecChoice {
    case tanh, relu

    /// The core's activation.
    var activation: Activation { self == .relu ? .relu : .tanh }
}

/// The check every training kind makes: a minibatch cannot be larger than the training set.
func checkBatch(_ batch: Int, fits train: Int, path: String = "batch") throws(KindIssue) {
    if batch > train { throw KindIssue(path: path, message: "batch \(batch) is larger than the training set (\(train) examples)") }
}
