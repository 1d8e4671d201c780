import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: expressivity` — builds Zhang et al. (2017)'s Theorem-1 network (2n + d weights) on `n`
/// random points in `d` dimensions with random real targets, and measures how exactly it fits.
///
/// The fit is checked by evaluating `c(x) = Σⱼ wⱼ max(⟨a, x⟩ − bⱼ, 0)` directly from the network's
/// weights on every sample point (independently of the construction's own solver). With
/// `curve > 0` the run also records the network along the projection `z = ⟨a, x⟩` for a figure.
/// With `depth > 2` the same function is rebuilt as Appendix C's deep network
/// (``DeepFiniteSampleNetwork``: `depth − 1` hidden layers of about `n/(depth − 1)` units) and the fit
/// is checked by a generic forward pass through its layers.
public struct ExpressivityExperiment: Experiment {
    public struct Parameters: SpecRecord {
        var n = 1000
        var d = 10
        var inputs = RandomRegressionTask.Inputs.gaussian
        var targets = RandomRegressionTask.Targets.gaussian
        var tolerance = 1e-6
        var curve = 0
        var depth = 2
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("n", \.n, 1...20000, "sample size"),
            SpecParameter("d", \.d, 1...4096, "input dimension"),
            SpecParameter("inputs", \.inputs, "points drawn from N(0, I) or uniformly from [0, 1]^d"),
            SpecParameter("targets", \.targets, "targets drawn from N(0, 1), or random class labels 0…9 as numbers"),
            SpecParameter("tolerance", \.tolerance, 0...1, "max |c(x_i) − y_i| that counts as an exact fit (scalar exact-fit)"),
            SpecParameter("curve", \.curve, 0...20000, "grid points for the fitted function along the projection (0: none)"),
            SpecParameter("depth", \.depth, 2...20001, "layers of weights: 2 is Theorem 1's network, k > 2 the depth-k network of Appendix C"),
        ]
        public init() {}
    }

    public init() {}
    public var name: String { "expressivity" }
    /// Theorem 1's construction fits every sample exactly: one run suffices.
    public var isDeterministic: Bool { true }
    public var version: String { "expressivity-1" }
    public var quickCaps: KeyValuePairs<String, Int> { ["n": 200, "d": 50, "curve": 400] }

    public func check(_ p: Parameters) throws(KindIssue) {
        if p.n * p.d > 16_000_000 {
            throw KindIssue(path: "n", message: "n × d = \(p.n * p.d) values is too large (at most 16,000,000)")
        }
        if p.depth > p.n + 1 {
            throw KindIssue(path: "depth", message: "depth \(p.depth) leaves a hidden layer without a unit: at most n + 1 = \(p.n + 1)")
        }
        if p.depth > 2 && p.curve > 0 {
            throw KindIssue(path: "curve", message: "the curve is drawn for Theorem 1's network only (depth 2)")
        }
    }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: ["z", "network", "target"],
                      scalars: ["weights", "formula-weights", "max-error", "exact-fit", "max-target",
                                "smallest-gap", "largest-output-weight", "log10-max-error", "log10-smallest-gap",
                                "log10-largest-output-weight", "seconds", "depth", "width", "weights-per-n-plus-d",
                                "width-times-hidden-layers-per-n"])
    }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let (n, d) = (p.n, p.d)
        let start = Date()
        var dataRNG = SeededGenerator(seed: seed)
        let (inputs, targets) = RandomRegressionTask(count: n, dimension: d, inputs: p.inputs, targets: p.targets).sample(rng: &dataRNG)

        var constructionRNG = SeededGenerator(seed: seed &+ 0x5DEE_CE66_D1CE_4E5B)
        let net = try FiniteSampleExpressivity(inputs: inputs, dimension: d, targets: targets, rng: &constructionRNG)
        context.progress(RunProgress(epoch: 1, epochs: 1, loss: 0, accuracy: 1))

        let deep = p.depth > 2 ? try DeepFiniteSampleNetwork(net, depth: p.depth) : nil
        // Independent check: evaluate c(x_i) from the weights, one point at a time (for depth > 2 by a
        // forward pass through the layers).
        var worst = 0.0
        var projections = [Double](repeating: 0, count: n)                // z_i = ⟨a, x_i⟩ (n)
        for i in 0..<n {
            var z = 0.0
            for k in 0..<d { z += net.projection[k] * inputs[i * d + k] }
            projections[i] = z
            var c = 0.0
            if let deep {
                c = deep(Array(inputs[i * d ..< (i + 1) * d]))
            } else {
                for j in 0..<n where z > net.biases[j] { c += net.outputWeights[j] * (z - net.biases[j]) }
            }
            let e = abs(c - targets[i])
            worst = e.isFinite ? max(worst, e) : .infinity
        }
        let sorted = projections.sorted()
        var gap = Double.infinity
        for i in stride(from: 1, to: n, by: 1) { gap = min(gap, sorted[i] - sorted[i - 1]) }

        var m = Measurements()
        let weights = deep?.weightCount ?? net.weightCount
        let width = deep?.width ?? n
        m.scalars["weights"] = Double(weights)
        m.scalars["formula-weights"] = Double(2 * n + d)
        m.scalars["depth"] = Double(p.depth)
        m.scalars["width"] = Double(width)
        m.scalars["weights-per-n-plus-d"] = Double(weights) / Double(n + d)
        m.scalars["width-times-hidden-layers-per-n"] = Double(width * (p.depth - 1)) / Double(n)
        m.scalars["max-error"] = worst
        // Theorem 1 promises exactly 2n + d weights; the deep network's count is a separate metric.
        m.scalars["exact-fit"] = worst < p.tolerance && (p.depth > 2 || weights == 2 * n + d) ? 1 : 0
        m.scalars["max-target"] = targets.map(abs).max() ?? 0
        m.scalars["smallest-gap"] = n > 1 ? gap : .nan
        m.scalars["largest-output-weight"] = net.outputWeights.map(abs).max() ?? 0
        m.scalars["log10-max-error"] = log10(max(worst, 1e-300))
        m.scalars["log10-smallest-gap"] = n > 1 ? log10(gap) : .nan
        m.scalars["log10-largest-output-weight"] = log10(max(m.scalars["largest-output-weight"]!, 1e-300))
        if p.curve > 0 {
            let (z, network, target) = ExpressivityExperiment.curve(net, projections: projections, targets: targets, points: p.curve)
            m.series["z"] = z
            m.series["network"] = network
            m.series["target"] = target
        }
        m.scalars["seconds"] = Date().timeIntervalSince(start)
        return m
    }

    /// The network along the projection: a grid over the sample's range (padded by 5%) merged with
    /// the sample projections; `target` is the sample's target at sample points and NaN elsewhere.
    static func curve(_ net: FiniteSampleExpressivity, projections: [Double], targets: [Double],
                      points: Int) -> (z: [Double], network: [Double], target: [Double]) {
        let lo = projections.min()!, hi = projections.max()!
        let pad = max(hi - lo, 1e-9) * 0.05
        var entries: [(z: Double, target: Double)] = (0..<points).map { k in
            (lo - pad + (hi - lo + 2 * pad) * Double(k) / Double(max(points - 1, 1)), .nan)
        }
        for i in projections.indices { entries.append((projections[i], targets[i])) }
        entries.sort { $0.z < $1.z }
        let network = entries.map { e -> Double in
            var c = 0.0
            for j in net.biases.indices where e.z > net.biases[j] { c += net.outputWeights[j] * (e.z - net.biases[j]) }
            return c
        }
        return (entries.map(\.z), network, entries.map(\.target))
    }
}
