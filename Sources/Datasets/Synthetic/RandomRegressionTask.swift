/// `count` random points in `dimension` dimensions with random real targets (Zhang et al. 2017's
/// Theorem 1 and §5 settings): inputs with `N(0, 1)` or `U[0, 1)` entries, targets `N(0, 1)` or
/// random class labels `0…9` as numbers.
public struct RandomRegressionTask: Hashable, Sendable {
    /// How input entries are drawn.
    public enum Inputs: String, Hashable, Sendable, CaseIterable { case gaussian, uniform }
    /// How targets are drawn.
    public enum Targets: String, Hashable, Sendable, CaseIterable { case gaussian, labels }

    /// Points.
    public var count: Int
    /// Values per point.
    public var dimension: Int
    /// The input distribution.
    public var inputs: Inputs
    /// The target distribution.
    public var targets: Targets

    /// A task of `count` points in `dimension` dimensions.
    public init(count: Int, dimension: Int, inputs: Inputs = .gaussian, targets: Targets = .gaussian) {
        self.count = count
        self.dimension = dimension
        self.inputs = inputs
        self.targets = targets
    }

    /// The inputs `(count, dimension)` row-major, then the targets `(count)`, drawn in that order from `rng`.
    public func sample(rng: inout SeededGenerator) -> (inputs: [Double], targets: [Double]) {
        let x = (0..<(count * dimension)).map { _ in inputs == .uniform ? rng.nextDouble() : rng.nextNormal() }
        let y = (0..<count).map { _ in targets == .labels ? Double(rng.nextInt(below: 10)) : rng.nextNormal() }
        return (x, y)
    }
}
