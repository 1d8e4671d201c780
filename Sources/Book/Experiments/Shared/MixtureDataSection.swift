import Datasets

/// The shared `data:` section of the kinds that train on a ``GaussianMixtureTask`` (part 2):
/// clusters, classes, dimension, separation and the split sizes.
///
/// Kinds set their own defaults: `var data = MixtureDataSection(clusters: 4, train: 500, test: 500)`.
struct MixtureDataSection: SpecRecord, Equatable {
    var clusters = 4
    var classes = 0
    var dimension = 20
    var separation = 3.0
    var train = 1000
    var test = 1000

    static let fields: [SpecParameter<Self>] = [
        SpecParameter("clusters", \.clusters, 1...64, "Gaussian clusters"),
        SpecParameter("classes", \.classes, 0...64, "classes (cluster j has class j mod classes; 0: one class per cluster)"),
        SpecParameter("dimension", \.dimension, 1...1024, "input dimension"),
        SpecParameter("separation", \.separation, 0...100, "spread of the cluster means (noise has unit variance)"),
        SpecParameter("train", \.train, 2...100000, "training examples"),
        SpecParameter("test", \.test, 0...100000, "test examples (clean labels)"),
    ]

    /// The task (classes 0: one class per cluster).
    var task: GaussianMixtureTask {
        GaussianMixtureTask(clusters: clusters, classes: classes == 0 ? clusters : classes, dimension: dimension, separation: separation)
    }
}
