import Foundation

/// Plug-in entropies and mutual information (in bits) of discrete symbols, and the binning
/// estimator of a layer's information-plane coordinates `I(X;T)` and `I(T;Y)`
/// (Shwartz-Ziv & Tishby 2017; Saxe et al. 2018).
///
/// Every example counts once; `X` is a symbol per distinct input (``inputSymbols(inputs:count:dimension:)``),
/// `T` the tuple of the layer's binned activations (``layerSymbols(activations:count:units:binning:)``),
/// `Y` the label. Because `T` is a function of `X`, `I(X;T) = H(T)` when inputs are distinct.
public enum MutualInformation {
    /// `H(A) = −Σ p log₂ p` over the empirical distribution of `symbols` (0 for no symbols).
    public static func entropy(_ symbols: [Int]) -> Double {
        var counts: [Int: Int] = [:]
        for s in symbols { counts[s, default: 0] += 1 }
        return entropy(counts: counts.values, total: symbols.count)
    }

    /// `H(A, B)` of paired symbols.
    public static func jointEntropy(_ a: [Int], _ b: [Int]) throws -> Double {
        guard a.count == b.count else {
            throw ProbeError.shapeMismatch("joint entropy of \(a.count) and \(b.count) symbols")
        }
        var counts: [Pair: Int] = [:]
        for i in a.indices { counts[Pair(a: a[i], b: b[i]), default: 0] += 1 }
        return entropy(counts: counts.values, total: a.count)
    }

    /// `I(A; B) = H(A) + H(B) − H(A, B)` of paired symbols, clamped at 0 against rounding.
    public static func mutualInformation(_ a: [Int], _ b: [Int]) throws -> Double {
        let joint = try jointEntropy(a, b)
        return max(0, entropy(a) + entropy(b) - joint)
    }

    /// One symbol per example: equal input rows (row-major `(count, dimension)`) share a symbol,
    /// numbered in order of first appearance.
    public static func inputSymbols<T: BinaryFloatingPoint>(inputs: [T], count: Int, dimension: Int) throws -> [Int] {
        try checkShape(inputs, rows: count, columns: dimension, "inputs")
        var ids: [[Double]: Int] = [:]
        return (0..<count).map { i in
            let row = (0..<dimension).map { Double(inputs[i * dimension + $0]) }
            if let id = ids[row] { return id }
            let id = ids.count
            ids[row] = id
            return id
        }
    }

    /// One symbol per example: the tuple of bin indices of its `units` activations
    /// (row-major `(count, units)`), numbered in order of first appearance.
    public static func layerSymbols<T: BinaryFloatingPoint>(
        activations: [T], count: Int, units: Int, binning: ActivationBinning
    ) throws -> [Int] {
        try checkShape(activations, rows: count, columns: units, "activations")
        var ids: [[Int32]: Int] = [:]
        var row = [Int32](repeating: 0, count: units)
        return (0..<count).map { i in
            for u in 0..<units { row[u] = Int32(binning.bin(Double(activations[i * units + u]))) }
            if let id = ids[row] { return id }
            let id = ids.count
            ids[row] = id
            return id
        }
    }

    /// The information-plane point of one layer: `I(X;T)` and `I(T;Y)` in bits.
    ///
    /// - Parameters:
    ///   - activations: the layer's outputs, row-major `(count, units)`.
    ///   - inputSymbols: `X`, one symbol per example (see ``inputSymbols(inputs:count:dimension:)``).
    ///   - labels: `Y`, one class per example.
    ///   - binning: e.g. `try .tanh()` (30 bins on [−1, 1]) or `try .relu(activations:)`.
    public static func informationPlane<T: BinaryFloatingPoint>(
        activations: [T], count: Int, units: Int,
        inputSymbols: [Int], labels: [Int], binning: ActivationBinning
    ) throws -> InformationPlanePoint {
        guard inputSymbols.count == count, labels.count == count else {
            throw ProbeError.shapeMismatch("\(count) examples but \(inputSymbols.count) input symbols and \(labels.count) labels")
        }
        let t = try layerSymbols(activations: activations, count: count, units: units, binning: binning)
        return InformationPlanePoint(
            inputInformation: try mutualInformation(inputSymbols, t),
            labelInformation: try mutualInformation(t, labels))
    }

    // MARK: - Internal

    private struct Pair: Hashable { let a: Int; let b: Int }

    private static func entropy(counts: some Sequence<Int>, total: Int) -> Double {
        guard total > 0 else { return 0 }
        let n = Double(total)
        var h = 0.0
        // Sum in a fixed order: dictionary order changes from process to process, and a different
        // summation order changes the last bits of the result.
        for c in counts.sorted() where c > 0 {
            let p = Double(c) / n
            h -= p * log2(p)
        }
        return max(0, h)
    }
}

/// A layer's coordinates in the information plane, in bits.
public struct InformationPlanePoint: Sendable, Hashable, Codable {
    /// `I(X; T)`: how much the layer keeps about the input.
    public let inputInformation: Double
    /// `I(T; Y)`: how much the layer keeps about the label.
    public let labelInformation: Double

    /// Creates a point from its two coordinates.
    public init(inputInformation: Double, labelInformation: Double) {
        self.inputInformation = inputInformation
        self.labelInformation = labelInformation
    }
}
