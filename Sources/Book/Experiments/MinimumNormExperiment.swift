import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: min-norm` — linear least squares with `d ≥ n` (Zhang et al. 2017, §5): SGD from zero vs
/// the minimum-norm interpolant `w* = Xᵀ(XXᵀ)⁻¹y`, SGD from a random start, and the norms of other
/// interpolants `w* + v` with `v` in the null space of `X`.
///
/// Inputs are `N(0, 1)` entries, targets `N(0, 1)`. The convergence curves are exact prefixes of
/// one SGD trajectory: SGD is re-run from the same seed for 1, 2, 4, … epochs.
public struct MinimumNormExperiment: Experiment {
    public struct Parameters: SpecRecord {
        var n = 200
        var d = 1000
        var epochs = 2000
        var tolerance = 1e-12
        var others = 20
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("n", \.n, 1...4000, "examples (rows of X)"),
            SpecParameter("d", \.d, 1...20000, "dimension (columns of X), at least n"),
            SpecParameter("epochs", \.epochs, 1...100000, "largest number of SGD passes"),
            SpecParameter("tolerance", \.tolerance, 0...1, "stop SGD once every residual |x_iᵀw − y_i| is below this"),
            SpecParameter("others", \.others, 1...1000, "random other interpolants w* + v whose norms are compared"),
        ]
        public init() {}
    }

    public init() {}
    public var name: String { "min-norm" }
    /// The minimum-norm solution and the SGD limit are closed-form facts: one run suffices.
    public var isDeterministic: Bool { true }
    public var version: String { "min-norm-1" }
    public var quickCaps: KeyValuePairs<String, Int> { ["n": 20, "d": 100, "others": 5] }

    public func check(_ p: Parameters) throws(KindIssue) {
        if p.d < p.n {
            throw KindIssue(path: "d", message: "d = \(p.d) is smaller than n = \(p.n); the system must be under-determined (d ≥ n)")
        }
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["epoch", "distance-from-zero-start", "distance-from-random-start"],
                      scalars: ["sgd-distance", "log10-sgd-distance", "sgd-epochs", "sgd-norm", "min-norm", "sgd-residual",
                                "random-start-norm", "random-start-distance", "null-component-norm",
                                "pythagoras-error", "other-norm-ratio", "other-norm-ratio-mean"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (n, d, epochs, tolerance) = (p.n, p.d, p.epochs, p.tolerance)
        var dataRNG = SeededGenerator(seed: seed)
        let (x, y) = RandomRegressionTask(count: n, dimension: d).sample(rng: &dataRNG)    // (n, d), (n)

        let exact = try MinimumNormInterpolation(inputs: x, count: n, dimension: d, targets: y)
        let wStar = exact.weights                                              // (d)
        let starNorm = Self.norm(wStar)

        // SGD from zero.
        let sgdSeed = seed &+ 0x2545_F491_4F6C_DD1D
        var rng = SeededGenerator(seed: sgdSeed)
        let (wSGD, ran) = try MinimumNormInterpolation.stochasticGradientDescent(
            inputs: x, count: n, dimension: d, targets: y, epochs: epochs, tolerance: tolerance, rng: &rng)
        context.progress(RunProgress(epoch: 1, epochs: 3, loss: 0, accuracy: 0))

        // SGD from a random start w₀ ~ N(0, I/d): the iterate is w₀ + (SGD from zero on y − Xw₀).
        var startRNG = SeededGenerator(seed: seed &+ 0x9E6C_63D0_676A_9A99)
        let w0 = (0..<d).map { _ in startRNG.nextNormal() / Double(d).squareRoot() }   // (d)
        let shifted = (0..<n).map { i in y[i] - Self.dot(x, row: i, d: d, w0) }        // y − Xw₀ (n)
        var rng2 = SeededGenerator(seed: sgdSeed)
        let (delta, _) = try MinimumNormInterpolation.stochasticGradientDescent(
            inputs: x, count: n, dimension: d, targets: shifted, epochs: epochs, tolerance: tolerance, rng: &rng2)
        let wRandom = zip(w0, delta).map { $0 + $1 }
        let nullPart = try exact.nullSpaceComponent(of: w0)                              // P_null w₀ (d)
        context.progress(RunProgress(epoch: 2, epochs: 3, loss: 0, accuracy: 0))

        // Other interpolants w* + v, v a random null-space direction scaled to ‖w*‖.
        var otherRNG = SeededGenerator(seed: seed &+ 0xD1B5_4A32_D192_ED03)
        var ratios: [Double] = []
        for _ in 0..<p.others {
            let raw = (0..<d).map { _ in otherRNG.nextNormal() }
            var v = try exact.nullSpaceComponent(of: raw)
            let scale = starNorm / max(Self.norm(v), 1e-300)
            for j in v.indices { v[j] *= scale * otherRNG.nextDouble() }
            ratios.append(Self.norm(zip(wStar, v).map { $0 + $1 }) / starNorm)
        }

        // Convergence curves: prefixes of the same trajectories.
        var epochList: [Double] = [], fromZero: [Double] = [], fromRandom: [Double] = []
        var e = 1
        while e <= min(ran, epochs) * 2 && e <= epochs {
            var r1 = SeededGenerator(seed: sgdSeed)
            let (w1, _) = try MinimumNormInterpolation.stochasticGradientDescent(
                inputs: x, count: n, dimension: d, targets: y, epochs: e, tolerance: 0, rng: &r1)
            var r2 = SeededGenerator(seed: sgdSeed)
            let (w2, _) = try MinimumNormInterpolation.stochasticGradientDescent(
                inputs: x, count: n, dimension: d, targets: shifted, epochs: e, tolerance: 0, rng: &r2)
            epochList.append(Double(e))
            fromZero.append(Self.distance(w1, wStar) / starNorm)
            fromRandom.append(Self.distance(zip(w0, w2).map { $0 + $1 }, wStar) / starNorm)
            e *= 2
        }

        var worstResidual = 0.0
        for i in 0..<n { worstResidual = max(worstResidual, abs(Self.dot(x, row: i, d: d, wSGD) - y[i])) }
        let randomNorm = Self.norm(wRandom), nullNorm = Self.norm(nullPart)

        var m = Measurements()
        m.series["epoch"] = epochList
        m.series["distance-from-zero-start"] = fromZero
        m.series["distance-from-random-start"] = fromRandom
        m.scalars["sgd-distance"] = Self.distance(wSGD, wStar) / starNorm
        m.scalars["log10-sgd-distance"] = log10(max(m.scalars["sgd-distance"]!, 1e-300))
        m.scalars["sgd-epochs"] = Double(ran)
        m.scalars["sgd-norm"] = Self.norm(wSGD)
        m.scalars["min-norm"] = starNorm
        m.scalars["sgd-residual"] = worstResidual
        m.scalars["random-start-norm"] = randomNorm
        m.scalars["random-start-distance"] = Self.distance(wRandom, wStar) / starNorm
        m.scalars["null-component-norm"] = nullNorm
        m.scalars["pythagoras-error"] = abs(randomNorm * randomNorm - (starNorm * starNorm + nullNorm * nullNorm)) / (randomNorm * randomNorm)
        m.scalars["other-norm-ratio"] = ratios.min() ?? .nan
        m.scalars["other-norm-ratio-mean"] = ratios.reduce(0, +) / Double(max(ratios.count, 1))
        return m
    }

    static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    static func distance(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for i in a.indices { s += (a[i] - b[i]) * (a[i] - b[i]) }
        return s.squareRoot()
    }

    static func dot(_ x: [Double], row i: Int, d: Int, _ w: [Double]) -> Double {
        var s = 0.0
        for j in 0..<d { s += x[i * d + j] * w[j] }
        return s
    }
}
