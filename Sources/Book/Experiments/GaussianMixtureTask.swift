import Foundation
import TrainingCore

/// A synthetic classification task for the part-2 chapters: `clusters` Gaussian blobs in
/// `dimension` dimensions, cluster `j` labelled `j mod classes` (Sagun et al. 2017's data at CPU
/// scale). Means are drawn `N(0, (separation²/d) I)`, so two means lie about `separation·√2`
/// apart; each point is its cluster's mean plus `N(0, I)` noise.
struct GaussianMixtureTask: Sendable {
    var clusters: Int
    var classes: Int
    var dimension: Int
    var separation: Double

    /// The spec fields every mixture-based kind shares, under `data:`.
    static func fields(train: Int, test: Int, clusters: Int = 4, dimension: Int = 20, separation: Double = 3) -> SpecField {
        SpecField("data", .record([
            SpecField("clusters", .integer(1...64), default: .integer(clusters), "Gaussian clusters"),
            SpecField("classes", .integer(0...64), default: .integer(0), "classes (cluster j has class j mod classes; 0: one class per cluster)"),
            SpecField("dimension", .integer(1...1024), default: .integer(dimension), "input dimension"),
            SpecField("separation", .number(0...100), default: .number(separation), "spread of the cluster means (noise has unit variance)"),
            SpecField("train", .integer(2...100000), default: .integer(train), "training examples"),
            SpecField("test", .integer(0...100000), default: .integer(test), "test examples (clean labels)"),
        ]))
    }

    /// The task described by the `data` record of a filled spec.
    init(spec: SpecValue) {
        clusters = spec[path: "data.clusters"]!.intValue!
        let c = spec[path: "data.classes"]!.intValue!
        classes = c == 0 ? clusters : c
        dimension = spec[path: "data.dimension"]!.intValue!
        separation = spec[path: "data.separation"]!.doubleValue!
    }

    init(clusters: Int, classes: Int, dimension: Int, separation: Double) {
        self.clusters = clusters
        self.classes = classes
        self.dimension = dimension
        self.separation = separation
    }

    /// The cluster means `(clusters, dimension)`, row-major: the first draws `sample` makes from its
    /// generator, so a copy of the generator taken before `sample` gives the same means.
    func drawMeans(rng: inout SeededGenerator) -> [Double] {
        let s = separation / Double(dimension).squareRoot()
        return (0..<(clusters * dimension)).map { _ in s * rng.nextNormal() }
    }

    /// Draws the cluster means, then `train` and `test` points, all from `rng`.
    func sample(train: Int, test: Int, rng: inout SeededGenerator) throws -> (train: LabeledData, test: LabeledData?) {
        guard classes >= 2 else { throw BookError("a mixture task needs at least 2 classes (got \(classes))") }
        let means = drawMeans(rng: &rng)                                                    // (k, d)
        let trainSet = try points(train, means: means, rng: &rng)
        return (trainSet, test > 0 ? try points(test, means: means, rng: &rng) : nil)
    }

    /// `n` labelled points around the given `means` `(clusters, dimension)`: cluster `i mod clusters`
    /// for point `i` (balanced), then shuffled so that batches mix clusters.
    func points(_ n: Int, means: [Double], rng: inout SeededGenerator) throws -> LabeledData {
        var x = [Float](repeating: 0, count: n * dimension)                                      // (n, d)
        var y = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let j = i % clusters                      // balanced clusters
            y[i] = j % classes
            for k in 0..<dimension { x[i * dimension + k] = Float(means[j * dimension + k] + rng.nextNormal()) }
        }
        let order = rng.permutation(n)
        var xs = [Float](repeating: 0, count: n * dimension), ys = y
        for (to, from) in order.enumerated() {
            ys[to] = y[from]
            for k in 0..<dimension { xs[to * dimension + k] = x[from * dimension + k] }
        }
        return try LabeledData(inputs: Tensor(shape: [n, dimension], scalars: xs), labels: ys, classes: classes)
    }

    /// Moves a `fraction` of the labels to a uniformly drawn *other* class, so that every
    /// selected example is really mislabelled; returns the data and which examples were changed.
    /// With `uniform` the new label is drawn from all classes instead (random labels: a redraw may
    /// keep the label, and `changed` marks only those that differ).
    static func corruptLabels(_ data: LabeledData, fraction: Double, uniform: Bool = false,
                              rng: inout SeededGenerator) throws -> (LabeledData, [Bool]) {
        let n = data.count
        let chosen = Set(rng.permutation(n).prefix(Int((fraction * Double(n)).rounded())))
        var labels = data.labels
        var flag = [Bool](repeating: false, count: n)
        for i in chosen.sorted() {
            labels[i] = uniform ? rng.nextInt(below: data.classes)
                                : (labels[i] + 1 + rng.nextInt(below: data.classes - 1)) % data.classes
            flag[i] = labels[i] != data.labels[i]
        }
        return (try LabeledData(inputs: data.inputs, labels: labels, classes: data.classes), flag)
    }
}
