/// A mixture of `clusters` isotropic Gaussians in `dimension` dimensions (as in Sagun et al.'s
/// Hessian experiments): centres are drawn `N(0, separation²·I)`, points `N(centre, noise²·I)`,
/// and cluster `i` carries label `i mod classes`. Examples cycle through the clusters, so the
/// clusters are balanced.
public struct GaussianMixture: Codable, Hashable, Sendable {
    public var clusters: Int
    public var dimension: Int
    public var classes: Int
    public var separation: Float
    public var noise: Float

    /// A mixture description; `classes` defaults to one class per cluster.
    public init(clusters: Int, dimension: Int, classes: Int? = nil, separation: Float = 1, noise: Float = 0.1) {
        self.clusters = clusters; self.dimension = dimension; self.classes = classes ?? clusters
        self.separation = separation; self.noise = noise
    }

    /// The cluster centres `(clusters, dimension)` followed by `n` samples, both from `rng`.
    public func sample(count n: Int, rng: inout SeededGenerator) throws -> (data: LabeledData, centres: Tensor) {
        guard clusters > 0, dimension > 0, classes > 0, classes <= clusters, n >= 0, noise >= 0 else {
            throw DatasetError.invalid("GaussianMixture: need clusters ≥ classes > 0, dimension > 0, n ≥ 0, noise ≥ 0")
        }
        let centres = (0..<(clusters * dimension)).map { _ in rng.normal(standardDeviation: separation) }
        var x = [Float](repeating: 0, count: n * dimension), y = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let c = i % clusters
            y[i] = c % classes
            for d in 0..<dimension { x[i * dimension + d] = centres[c * dimension + d] + rng.normal(standardDeviation: noise) }
        }
        let data = try LabeledData(inputs: Tensor(shape: [n, dimension], scalars: x), labels: y, classes: classes)
        return (data, try Tensor(shape: [clusters, dimension], scalars: centres))
    }
}
