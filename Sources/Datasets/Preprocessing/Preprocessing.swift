/// Deterministic input transformations (Zhang et al.'s pipeline: scale, centre crop, per-image whitening).
public enum Preprocessing {
    /// Every input value multiplied by `factor` (e.g. 1/255).
    public static func scaled(_ data: LabeledData, by factor: Float) -> LabeledData {
        var out = data
        for i in out.inputs.scalars.indices { out.inputs.scalars[i] *= factor }
        return out
    }

    /// Each image standardised on its own: `(x − mean) / max(sd, 1/√N)` over its `N` values
    /// (TensorFlow's `per_image_standardization`).
    public static func perImageWhitened(_ data: LabeledData) -> LabeledData {
        var out = data
        let size = data.sampleSize
        guard size > 0 else { return out }
        out.inputs.scalars.withUnsafeMutableBufferPointer { x in
            for n in 0..<data.count {
                let image = x.baseAddress! + n * size
                var sum = 0.0
                for i in 0..<size { sum += Double(image[i]) }
                let mean = sum / Double(size)
                var sq = 0.0
                for i in 0..<size { let d = Double(image[i]) - mean; sq += d * d }
                let sd = max((sq / Double(size)).squareRoot(), 1 / Double(size).squareRoot())
                for i in 0..<size { image[i] = Float((Double(image[i]) - mean) / sd) }
            }
        }
        return out
    }

    /// The central `height × width` window of `(C, H, W)` images (offsets rounded down).
    public static func centreCropped(_ data: LabeledData, height: Int, width: Int) throws -> LabeledData {
        let shape = data.sampleShape
        guard shape.count == 3, height > 0, width > 0, height <= shape[1], width <= shape[2] else {
            throw DatasetError.invalid("centre crop \(height)×\(width) needs (C, H, W) images at least that large, got \(shape)")
        }
        let (c, h, w) = (shape[0], shape[1], shape[2])
        let top = (h - height) / 2, left = (w - width) / 2
        var x = [Float](repeating: 0, count: data.count * c * height * width)
        var o = 0
        for n in 0..<data.count {
            for ch in 0..<c {
                for i in 0..<height {
                    let src = ((n * c + ch) * h + top + i) * w + left
                    for j in 0..<width { x[o] = data.inputs.scalars[src + j]; o += 1 }
                }
            }
        }
        var out = data
        out.inputs = try Tensor(shape: [data.count, c, height, width], scalars: x)
        return out
    }
}
