/// Label noise (Zhang et al. 2017): a fraction `p` of the examples, chosen by the generator, get a
/// label drawn uniformly from all classes (so it may coincide with the true one, as in the paper);
/// `p = 1` gives fully random labels.
public struct LabelCorruption: Codable, Hashable, Sendable {
    /// The fraction of examples whose label is redrawn, in `[0, 1]`.
    public var fraction: Double
    /// If true, a redrawn label always differs from the original (every chosen label is wrong).
    public var excludeOriginal: Bool

    /// Label noise on `fraction` of the examples.
    public init(fraction: Double, excludeOriginal: Bool = false) {
        self.fraction = fraction
        self.excludeOriginal = excludeOriginal
    }

    /// The corrupted data and, per example, whether its label was redrawn.
    ///
    /// Exactly `round(fraction · n)` examples are redrawn.
    public func apply(to data: LabeledData, rng: inout SeededGenerator) throws -> (data: LabeledData, corrupted: [Bool]) {
        guard (0...1).contains(fraction) else {
            throw DatasetError.invalid("LabelCorruption: fraction must lie in [0, 1], got \(fraction)")
        }
        guard !excludeOriginal || data.classes > 1 else {
            throw DatasetError.invalid("LabelCorruption: excludeOriginal needs at least 2 classes")
        }
        let n = data.count
        let k = Int((fraction * Double(n)).rounded())
        let chosen = rng.permutation(n).prefix(k)
        var labels = data.labels
        var corrupted = [Bool](repeating: false, count: n)
        for i in chosen {
            corrupted[i] = true
            if excludeOriginal {
                let r = rng.nextInt(below: data.classes - 1)
                labels[i] = r >= data.labels[i] ? r + 1 : r
            } else {
                labels[i] = rng.nextInt(below: data.classes)
            }
        }
        var out = data
        out.labels = labels
        return (out, corrupted)
    }
}
