import Foundation
import TrainingCore

/// A synthetic classification task for the part-2 chapters: `clusters` Gaussian blobs in
/// `dimension` dimensions, cluster `j` labelled `j mod classes` (Sagun et al. 2017's data at CPU
/// scale). Means are drawn `N(0, (separation²/d) I)`, so two means lie about `separation·√2`
/// apart; each point is its cluster's mean plus `N(0, I)` noise.
public struct GaussianMixtureTask: Hashable, Sendable {
    /// Gaussian clusters.
    public var clusters: Int
    /// Classes (cluster `j` has class `j mod classes`).
    public var classes: Int
    /// Input dimension.
    public var dimension: Int
    /// Spread of the cluster means (the noise has unit variance).
    public var separation: Double

    /// A task of `clusters` clusters in `dimension` dimensions, cluster `j` labelled `j mod classes`.
    public init(clusters: Int, classes: Int, dimension: Int, separation: Double) {
        self.clusters = clusters
        self.classes = classes
        self.dimension = dimension
        self.separation = separation
    }

    /// The cluster means `(clusters, dimension)`, row-major: the first draws `sample` makes from its
    /// generator, so a copy of the generator taken before `sample` gives the same means.
    public func drawMeans(rng: inout SeededGenerator) -> [Double] {
        let s = separation / Double(dimension).squareRoot()
        return (0..<(clusters * dimension)).map { _ in s * rng.nextNormal() }
    }

    /// Draws the cluster means, then `train` and `test` points, all from `rng`.
    public func sample(train: Int, test: Int, rng: inout SeededGenerator) throws -> (train: LabeledData, test: LabeledData?) {
        guard classes >= 2 else { throw DatasetError.invalid("a mixture task needs at least 2 classes (got \(classes))") }
        let means = drawMeans(rng: &rng)                                                    // (k, d)
        let trainSet = try points(train, means: means, rng: &rng)
        return (trainSet, test > 0 ? try points(test, means: means, rng: &rng) : nil)
    }

    /// `n` labelled points around the given `means` `(clusters, dimension)`: cluster `i mod clusters`
    /// for point `i` (balanced), then shuffled so that batches mix clusters.
    public func points(_ n: Int, means: [Double], rng: inout SeededGenerator) throws -> LabeledData {
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
}
