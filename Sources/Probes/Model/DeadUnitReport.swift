import TrainingCore

/// Dead ReLU units: units whose output is zero on every example of a data set, read from the
/// per-layer activations of the model (Dense layers with a fused ReLU and separate ReLU layers).
public struct DeadUnitReport: Sendable, Hashable, Codable {
    /// One ReLU layer's counts.
    public struct LayerCounts: Sendable, Hashable, Codable {
        /// The layer's index in `model.layers`.
        public let layer: Int
        /// The number of units (values per example).
        public let units: Int
        /// Units that are zero on every example.
        public let dead: Int
        /// The share of (example, unit) activations that are zero.
        public let inactiveFraction: Double
    }

    /// The ReLU layers, input to output.
    public let layers: [LayerCounts]

    /// Dead units over all ReLU units (0 when the model has none).
    public var rate: Double {
        let units = layers.reduce(0) { $0 + $1.units }
        return units > 0 ? Double(layers.reduce(0) { $0 + $1.dead }) / Double(units) : 0
    }

    /// Counts dead units of `model` on `data` (evaluation mode).
    public static func measure(model: Model, data: LabeledData, batchSize: Int = 512) throws -> DeadUnitReport {
        try checkCompatible(model, data)
        let reluLayers = model.layers.indices.filter { i in
            if let dense = model.layers[i] as? Dense { return dense.activation == .relu }
            if let act = model.layers[i] as? ActivationLayer { return act.activation == .relu }
            if let norm = model.layers[i] as? BatchNorm { return norm.activation == .relu }
            return false
        }
        var everActive = reluLayers.map { [Bool](repeating: false, count: model.layers[$0].outputShape.reduce(1, *)) }
        var zeros = [Int](repeating: 0, count: reluLayers.count)
        for range in try data.batchRanges(size: batchSize) {
            _ = try model.forward(data.batch(range).inputs, training: false)
            for (r, index) in reluLayers.enumerated() {
                let a = try model.activations(ofLayer: index).scalars     // (B, units)
                let units = everActive[r].count
                for i in 0..<range.count {
                    for u in 0..<units {
                        if a[i * units + u] > 0 { everActive[r][u] = true } else { zeros[r] += 1 }
                    }
                }
            }
        }
        return DeadUnitReport(layers: reluLayers.enumerated().map { r, index in
            let units = everActive[r].count
            return LayerCounts(layer: index, units: units, dead: everActive[r].filter { !$0 }.count,
                               inactiveFraction: Double(zeros[r]) / Double(units * data.count))
        })
    }
}
