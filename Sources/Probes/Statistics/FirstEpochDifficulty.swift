/// First-epoch difficulty (Arpit et al. 2017): train for one epoch from many seeds and count, per
/// example, in how many runs it is misclassified. Compare the histogram of counts with the
/// ``BinomialReference`` of equal mean: real data is over-dispersed, noise data is binomial.
public struct FirstEpochDifficulty: Sendable, Hashable, Codable {
    /// The number of runs (seeds).
    public let runs: Int
    /// For each example, the number of runs that misclassified it, in `0...runs`.
    public let misclassificationCounts: [Int]

    /// Counts misclassifications from each run's predictions (`predictions[run][example]`).
    public init(predictions: [[Int]], labels: [Int]) throws {
        guard !predictions.isEmpty, !labels.isEmpty else {
            throw ProbeError.invalidArgument("first-epoch difficulty needs at least one run and one example")
        }
        var counts = [Int](repeating: 0, count: labels.count)
        for (r, run) in predictions.enumerated() {
            guard run.count == labels.count else {
                throw ProbeError.shapeMismatch("run \(r) has \(run.count) predictions for \(labels.count) labels")
            }
            for i in labels.indices where run[i] != labels[i] { counts[i] += 1 }
        }
        runs = predictions.count
        misclassificationCounts = counts
    }

    /// The observed histogram: entry `k` is how many examples were misclassified in `k` runs.
    public func histogram() throws -> [Int] {
        try BinomialReference.histogram(ofCounts: misclassificationCounts, trials: runs)
    }

    /// The binomial distribution with the same mean misclassification rate.
    public func reference() throws -> BinomialReference {
        try BinomialReference.fitted(toCounts: misclassificationCounts, trials: runs)
    }

    /// Observed variance of the counts over the binomial variance (≈ 1 when every example is
    /// equally hard).
    public func dispersionRatio() throws -> Double {
        try BinomialReference.dispersionRatio(ofCounts: misclassificationCounts, trials: runs)
    }
}
