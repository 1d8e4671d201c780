import TrainingCore

// Shared plumbing for probes on the core's `Model`: batching and per-example logit gradients.

extension LabeledData {
    /// Consecutive ranges of at most `size` examples covering the set.
    func batchRanges(size: Int) throws -> [Range<Int>] {
        guard size > 0 else { throw ProbeError.invalidArgument("batch size must be positive (got \(size))") }
        guard count > 0 else { throw ProbeError.invalidArgument("the data set is empty") }
        return stride(from: 0, to: count, by: size).map { $0 ..< min($0 + size, count) }
    }
}

/// Checks that `data` fits `model` (input size and number of classes).
func checkCompatible(_ model: Model, _ data: LabeledData) throws {
    guard data.sampleSize == model.inputSize else {
        throw ProbeError.shapeMismatch("the model takes inputs of \(model.inputSize) values, the data has \(data.sampleSize)")
    }
    guard data.classes <= model.outputCount else {
        throw ProbeError.shapeMismatch("the data has \(data.classes) classes, the model \(model.outputCount) outputs")
    }
}

/// `∂ℓᵢ/∂zᵢ` for each row separately (the per-example loss, not the batch mean): `(B, K)`.
func perExampleLogitGradient(_ loss: Loss, logits: Tensor, labels: [Int]) throws -> Tensor {
    var g = try loss.gradient(logits: logits, labels: labels)   // carries 1/B
    let b = Float(labels.count)
    for i in g.scalars.indices { g.scalars[i] *= b }
    return g
}

/// The dense layers of a model made only of `Dense` (and element-wise activation) layers, with
/// where each keeps its weights `(out, in)` and biases `(out)` in the flat parameter array.
struct DenseLayerView {
    let layerIndex: Int
    let inputs: Int
    let outputs: Int
    let weightOffset: Int
    var biasOffset: Int { weightOffset + inputs * outputs }
    let activation: Activation
}

func denseLayers(of model: Model) -> [DenseLayerView] {
    model.layers.enumerated().compactMap { i, layer in
        guard let dense = layer as? Dense else { return nil }
        return DenseLayerView(layerIndex: i, inputs: dense.inputShape.reduce(1, *),
                              outputs: dense.outputShape.reduce(1, *),
                              weightOffset: model.parameterOffsets[i], activation: dense.activation)
    }
}
