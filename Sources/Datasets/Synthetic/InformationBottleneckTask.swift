/// A surrogate for Shwartz-Ziv & Tishby's 12-bit task (REPLICATION §4): all 4096 binary inputs of
/// 12 bits, labelled by a function of the Hamming weight `w` only (so the rule is invariant under
/// permutations of the bits): `y = 1` for `w ≥ 8`, `y = 0` for `w ≤ 4`, and in the noisy middle
/// band `y = 1` with probability 0.25, 0.5, 0.75 for `w = 5, 6, 7` (drawn once, by seed).
/// Then `P(y = 1) = 2047/4096 ≈ 0.5` in expectation.
public enum InformationBottleneckTask {
    /// The number of input bits.
    public static let bits = 12

    /// `P(y = 1 | w)` for Hamming weight `w`.
    public static func probabilityOfOne(weight w: Int) -> Double {
        switch w {
        case ...4: 0
        case 5: 0.25
        case 6: 0.5
        case 7: 0.75
        default: 1
        }
    }

    /// All 4096 patterns (row `i` = the bits of `i`, most significant first, as 0/1 Float) with labels.
    public static func make(rng: inout SeededGenerator) -> LabeledData {
        let n = 1 << bits
        var x = [Float](repeating: 0, count: n * bits), y = [Int](repeating: 0, count: n)
        for i in 0..<n {
            for b in 0..<bits { x[i * bits + b] = Float((i >> (bits - 1 - b)) & 1) }
            let p = probabilityOfOne(weight: i.nonzeroBitCount)
            y[i] = (p == 0 || p == 1) ? Int(p) : (rng.nextDouble() < p ? 1 : 0)
        }
        return try! LabeledData(inputs: Tensor(shape: [n, bits], scalars: x), labels: y, classes: 2)
    }

    /// How the inputs of Hamming weight 6 are labelled in the deterministic variants of the task
    /// (weights above 6 are labelled 1, below 6 labelled 0).
    public enum Middle: String, Hashable, Sendable, CaseIterable {
        /// Their first (least significant) bit: a learnable rule.
        case firstBit = "first-bit"
        /// A fixed coin flip per input.
        case random
        /// ``make(rng:)``'s noisy band over weights 5–7 instead.
        case noisyBand = "noisy-band"
    }

    /// All 4096 inputs `(4096, 12)` in {0, 1} and their labels. Except for `.noisyBand` (which is
    /// ``make(rng:)``, most significant bit first), row `i` holds the bits of `i` least
    /// significant first.
    public static func make(middle: Middle, rng: inout SeededGenerator) -> LabeledData {
        if middle == .noisyBand { return make(rng: &rng) }
        let n = 1 << bits
        var inputs = [Float](repeating: 0, count: n * bits)   // (4096, 12)
        var labels = [Int](repeating: 0, count: n)
        for code in 0..<n {
            var weight = 0
            for bit in 0..<bits where code >> bit & 1 == 1 { inputs[code * bits + bit] = 1; weight += 1 }
            if weight > 6 { labels[code] = 1 }
            else if weight == 6 { labels[code] = middle == .random ? rng.nextInt(below: 2) : code & 1 }
        }
        return try! LabeledData(inputs: Tensor(shape: [n, bits], scalars: inputs), labels: labels, classes: 2)
    }
}
