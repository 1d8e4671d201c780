import Foundation
import TrainingCore

/// Information-plane coordinates of every layer of a core `Model` on a data set (Shwartz-Ziv &
/// Tishby 2017; Saxe et al. 2018): each layer's output is binned and ``MutualInformation`` gives
/// `I(X;T)` and `I(T;Y)`.
public enum InformationPlane {
    /// How activations are binned.
    public enum Binning: Sendable, Hashable, Codable {
        /// The same bins for every layer, e.g. 30 bins on [−1, 1] for tanh.
        case fixed(ActivationBinning)
        /// `bins` bins on `[0, max]` per layer, with `max` that layer's largest activation
        /// (Saxe et al.'s choice for ReLU); layers with negative outputs use `[min, max]`.
        case perLayerRange(bins: Int)
    }

    /// The information-plane point of each requested layer (default: every layer, the last
    /// giving the logits), in order.
    ///
    /// - Parameters:
    ///   - inputSymbols: one symbol per example (default: each example its own symbol, as for the
    ///     4096 distinct inputs of the 12-bit task).
    ///   - softmaxOutput: bin the last layer as softmax probabilities rather than logits, as the
    ///     original experiments do (their output layer is a softmax).
    public static func measure(model: Model, data: LabeledData, layers: [Int]? = nil,
                               inputSymbols: [Int]? = nil, binning: Binning,
                               softmaxOutput: Bool = true) throws -> [InformationPlanePoint] {
        try checkCompatible(model, data)
        let chosen = layers ?? Array(model.layers.indices)
        guard chosen.allSatisfy({ model.layers.indices.contains($0) }) else {
            throw ProbeError.invalidArgument("layers \(chosen) are not all in 0..<\(model.layers.count)")
        }
        let x = inputSymbols ?? Array(0..<data.count)
        _ = try model.forward(data.inputs, training: false)
        return try chosen.map { index in
            var t = try model.activations(ofLayer: index)
            if softmaxOutput && index == model.layers.count - 1 { t = try softmaxRows(t) }
            let units = t.strideOfFirstDimension
            let bins: ActivationBinning
            switch binning {
            case .fixed(let b): bins = b
            case .perLayerRange(let count):
                let low = Double(t.scalars.min() ?? 0), high = Double(t.scalars.max() ?? 0)
                bins = low >= 0 ? try .relu(activations: t.scalars, bins: count)
                                : try ActivationBinning(lower: low, upper: high, bins: count)
            }
            return try MutualInformation.informationPlane(activations: t.scalars, count: data.count, units: units,
                                                          inputSymbols: x, labels: data.labels, binning: bins)
        }
    }
}

/// Row-wise softmax of `(n, k)` logits (the row maximum subtracted first).
private func softmaxRows(_ logits: Tensor) throws -> Tensor {
    let k = logits.strideOfFirstDimension
    var p = logits.scalars
    for r in 0..<(p.count / max(k, 1)) {
        var top = -Float.infinity
        for j in 0..<k { top = max(top, p[r * k + j]) }
        var sum: Float = 0
        for j in 0..<k { p[r * k + j] = expf(p[r * k + j] - top); sum += p[r * k + j] }
        for j in 0..<k { p[r * k + j] /= sum }
    }
    return try Tensor(shape: logits.shape, scalars: p)
}
