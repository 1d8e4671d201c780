/// Input corruptions of Zhang et al. 2017 / Arpit et al. 2017, fixed by the generator:
/// - `shuffledPixels`: one random permutation of pixel positions, applied to every image;
/// - `randomPixels`: a different random permutation for each image;
/// - `gaussian`: inputs replaced by Gaussian noise with the data's mean and variance (over all values).
/// Pixels are positions `(y, x)`; all channels of a pixel move together. Inputs without a
/// `(C, H, W)` shape are treated as one channel of `size` positions.
public enum InputCorruption: String, Codable, Hashable, Sendable, CaseIterable {
    case shuffledPixels, randomPixels, gaussian

    /// The corrupted data set (labels unchanged).
    public func apply(to data: LabeledData, rng: inout SeededGenerator) -> LabeledData {
        var out = data
        let shape = data.sampleShape
        let channels = shape.count == 3 ? shape[0] : 1
        let positions = data.sampleSize / max(1, channels)
        let size = data.sampleSize
        switch self {
        case .shuffledPixels, .randomPixels:
            var permutation = rng.permutation(positions)
            out.inputs.scalars.withUnsafeMutableBufferPointer { x in
                data.inputs.scalars.withUnsafeBufferPointer { src in
                    for n in 0..<data.count {
                        if self == .randomPixels && n > 0 { permutation = rng.permutation(positions) }
                        for c in 0..<channels {
                            let base = n * size + c * positions
                            for p in 0..<positions { x[base + p] = src[base + permutation[p]] }
                        }
                    }
                }
            }
        case .gaussian:
            let values = data.inputs.scalars
            let count = Double(max(1, values.count))
            let mean = values.reduce(0.0) { $0 + Double($1) } / count
            let variance = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) } / count
            let sd = Float(variance.squareRoot())
            for i in out.inputs.scalars.indices { out.inputs.scalars[i] = rng.normal(mean: Float(mean), standardDeviation: sd) }
        }
        return out
    }
}
