import Foundation

/// The binomial distribution `Bin(trials, probability)`: the reference for first-epoch difficulty
/// (Arpit et al. 2017). If every example were misclassified with the same probability `p` in each
/// of `trials` independent runs, its misclassification count would follow it; real data is
/// over-dispersed (some examples are always right, some always wrong), noise data is not.
public struct BinomialReference: Sendable, Hashable, Codable {
    /// The number of independent runs.
    public let trials: Int
    /// The per-run probability.
    public let probability: Double

    /// - Throws: `ProbeError.invalidArgument` unless `trials ≥ 1` and `0 ≤ probability ≤ 1`.
    public init(trials: Int, probability: Double) throws {
        guard trials >= 1, probability >= 0, probability <= 1 else {
            throw ProbeError.invalidArgument("binomial needs trials ≥ 1 and 0 ≤ p ≤ 1 (got \(trials), \(probability))")
        }
        self.trials = trials
        self.probability = probability
    }

    /// The reference fitted to observed per-example counts in `0...trials`: `p = mean count / trials`.
    public static func fitted(toCounts counts: [Int], trials: Int) throws -> BinomialReference {
        guard !counts.isEmpty else { throw ProbeError.invalidArgument("no counts to fit") }
        if let bad = counts.first(where: { $0 < 0 || $0 > trials }) {
            throw ProbeError.invalidArgument("count \(bad) is outside 0...\(trials)")
        }
        let mean = Double(counts.reduce(0, +)) / Double(counts.count)
        return try BinomialReference(trials: trials, probability: mean / Double(trials))
    }

    /// `P(K = k) = C(trials, k) pᵏ (1 − p)^(trials − k)` (0 outside `0...trials`).
    public func probability(of k: Int) -> Double {
        guard k >= 0, k <= trials else { return 0 }
        let p = probability, n = trials
        if p == 0 { return k == 0 ? 1 : 0 }
        if p == 1 { return k == n ? 1 : 0 }
        let logChoose = lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
        return exp(logChoose + Double(k) * log(p) + Double(n - k) * log1p(-p))
    }

    /// The expected number of examples with each count `0...trials`, out of `examples`.
    public func expectedHistogram(examples: Int) -> [Double] {
        (0...trials).map { Double(examples) * probability(of: $0) }
    }

    /// The mean `trials · p`.
    public var mean: Double { Double(trials) * probability }
    /// The variance `trials · p · (1 − p)`.
    public var variance: Double { Double(trials) * probability * (1 - probability) }

    /// The observed histogram of counts: entry `k` is how many examples have count `k`.
    public static func histogram(ofCounts counts: [Int], trials: Int) throws -> [Int] {
        var h = [Int](repeating: 0, count: trials + 1)
        for c in counts {
            guard c >= 0, c <= trials else { throw ProbeError.invalidArgument("count \(c) is outside 0...\(trials)") }
            h[c] += 1
        }
        return h
    }

    /// The dispersion ratio: the observed variance of the counts (divided by n) over the binomial
    /// variance of the fitted reference. ≈ 1 for binomial data; ≫ 1 when examples differ in difficulty.
    public static func dispersionRatio(ofCounts counts: [Int], trials: Int) throws -> Double {
        let reference = try fitted(toCounts: counts, trials: trials)
        guard reference.variance > 0 else {
            throw ProbeError.invalidArgument("every count is 0 or every count is \(trials): the binomial variance is 0")
        }
        let observed = try Statistics.variance(counts.map(Double.init), sample: false)
        return observed / reference.variance
    }
}
