/// `train` + `test` points of a ``GaussianMixture`` drawn from their own `seed` (fixed across
/// training seeds): the first `train` points train, the rest test.
public struct MixtureSource: DataSource {
    /// The mixture.
    public var mixture: GaussianMixture
    /// Training points.
    public var train: Int
    /// Test points (0: none).
    public var test: Int
    /// The seed of the data.
    public var seed: UInt64

    /// `train` + `test` points of `mixture` drawn from `seed`.
    public init(mixture: GaussianMixture, train: Int, test: Int, seed: UInt64) {
        self.mixture = mixture
        self.train = train
        self.test = test
        self.seed = seed
    }

    /// Synthetic: no files.
    public var files: [String] { [] }

    /// Every setting of the mixture and the draw.
    public var recipe: String {
        let m = mixture
        return "gaussian-mixture clusters \(m.clusters) dimension \(m.dimension) classes \(m.classes) separation \(m.separation.bitPattern) noise \(m.noise.bitPattern) train \(train) test \(test) seed \(seed)"
    }

    /// The training points and, when `test > 0`, the test points.
    public func load() throws -> (train: LabeledData, test: LabeledData?) {
        var rng = SeededGenerator(seed: seed)
        let all = try mixture.sample(count: train + test, rng: &rng).data
        return (all.subset(Array(0..<train)), test > 0 ? all.subset(Array(train..<(train + test))) : nil)
    }
}
