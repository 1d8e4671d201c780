/// Gradients, curvature and masks for probes: mean-loss gradients, input gradients, per-example
/// gradients, Hessian-vector products and pruning masks. All of these run in evaluation mode
/// unless `training` is set (dropout off, BatchNorm on running statistics), so they are
/// deterministic and examples do not interact.
extension Model {
    /// Copies `inputs`/`labels` into the workspace; returns the batch size.
    func load(inputs: Tensor, labels: [Int]) throws -> Int {
        guard inputs.shape.count >= 1, inputs.shape[0] > 0, inputs.strideOfFirstDimension == inputSize else {
            throw TrainingCoreError("Model: inputs of shape \(inputs.shape) do not match (B > 0, \(inputShape))")
        }
        let b = inputs.shape[0]
        guard labels.count == b else { throw TrainingCoreError("Model: \(b) inputs but \(labels.count) labels") }
        if let bad = labels.first(where: { $0 < 0 || $0 >= outputCount }) {
            throw TrainingCoreError("Model: label \(bad) outside 0..<\(outputCount)")
        }
        reserve(batch: b)
        inputs.scalars.withUnsafeBufferPointer { inputPointer.update(from: $0.baseAddress!, count: inputs.count) }
        for (i, y) in labels.enumerated() { labelBuffer![i] = Int32(y) }
        return b
    }

    /// Forward, loss and backward on the loaded batch; gradients go to the model's gradient array.
    func gradientStep(batch: Int, loss: Loss, training: Bool, inputGradient: Bool)
        -> (lossSum: Double, correct: Int)
    {
        bindGradients(to: nil)
        forwardWorkspace(batch: batch, training: training)
        let r = loss.evaluate(logits: logitsPointer, labels: labelBuffer!, batch: batch, classes: outputCount,
                              gradient: logitGradientPointer)
        backwardWorkspace(batch: batch, blend: .overwrite, inputGradient: inputGradient)
        return r
    }

    /// The mean loss over `inputs (n, ...)` and its gradient with respect to every parameter
    /// (same layout as `flatParameters()`). Leaves the gradient in `flatGradients()` too.
    public func lossAndGradient(inputs: Tensor, labels: [Int], loss: Loss = .crossEntropy,
                                training: Bool = false) throws -> (loss: Double, gradient: [Float]) {
        let b = try load(inputs: inputs, labels: labels)
        let r = gradientStep(batch: b, loss: loss, training: training, inputGradient: false)
        return (r.lossSum / Double(b), flatGradients())
    }

    /// `∂ℓᵢ/∂xᵢ` for each example's own loss, shape `(n, inputShape...)` (evaluation mode).
    public func inputGradients(inputs: Tensor, labels: [Int], loss: Loss = .crossEntropy) throws -> Tensor {
        let b = try load(inputs: inputs, labels: labels)
        _ = gradientStep(batch: b, loss: loss, training: false, inputGradient: true)
        // The batch loss is the mean, so each row carries 1/B; undo it.
        let scale = Float(b)
        let g = UnsafeBufferPointer(start: inputGradient!.pointer, count: b * inputSize)
        return Tensor(validShape: inputs.shape, scalars: g.map { $0 * scale })
    }

    /// The gradient of each example's own loss with respect to the parameters: `n` arrays of
    /// `parameterCount` values (evaluation mode, one backward pass per example).
    public func perExampleGradients(inputs: Tensor, labels: [Int], loss: Loss = .crossEntropy) throws -> [[Float]] {
        let n = try load(inputs: inputs, labels: labels)
        var out: [[Float]] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let row = inputs.rows(i..<(i + 1))
            _ = try load(inputs: row, labels: [labels[i]])
            _ = gradientStep(batch: 1, loss: loss, training: false, inputGradient: false)
            out.append(flatGradients())
        }
        return out
    }

    /// `H·v` for the Hessian `H` of the mean loss on `inputs`, by central differences of the gradient:
    /// `(∇L(w + εv̂) − ∇L(w − εv̂)) / (2ε) · ‖v‖` with `v̂ = v/‖v‖` (evaluation mode; the
    /// parameters are restored bit-for-bit). The error is `O(ε²·‖∇³L‖) + O(u·‖∇L‖/ε)` with
    /// `u ≈ 6e-8` (Float32); it is exact up to rounding when the loss is quadratic in the parameters.
    public func hessianVectorProduct(_ v: [Float], inputs: Tensor, labels: [Int], loss: Loss = .crossEntropy,
                                     epsilon: Float = 1e-3) throws -> [Float] {
        guard v.count == parameterCount else {
            throw TrainingCoreError("hessianVectorProduct: v has \(v.count) values, the model \(parameterCount) parameters")
        }
        let norm = Float(v.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot())
        guard norm > 0 else { return [Float](repeating: 0, count: parameterCount) }
        let saved = flatParameters()
        defer { try? setFlatParameters(saved) }
        let step = epsilon / norm
        try setFlatParameters(zip(saved, v).map { $0 + step * $1 })
        let up = try lossAndGradient(inputs: inputs, labels: labels, loss: loss).gradient
        try setFlatParameters(zip(saved, v).map { $0 - step * $1 })
        let down = try lossAndGradient(inputs: inputs, labels: labels, loss: loss).gradient
        let scale = norm / (2 * epsilon)
        return zip(up, down).map { ($0 - $1) * scale }
    }

    // MARK: - Pruning masks

    /// The ranges of the flat parameter array that hold prunable weights (Dense and Conv2D weights;
    /// not biases, not BatchNorm, not inside residual blocks).
    public var prunableRanges: [Range<Int>] {
        zip(layers, parameterOffsets).compactMap { layer, offset in
            let r = layer.prunableRange
            return r.isEmpty ? nil : (offset + r.lowerBound)..<(offset + r.upperBound)
        }
    }

    /// Sets (or with nil, removes) a pruning mask over all parameters (1 keeps, 0 removes); masked
    /// parameters are zeroed now and after every optimizer step.
    public func setMask(_ values: [Float]?) throws {
        guard let values else { mask = nil; return }
        guard values.count == parameterCount else {
            throw TrainingCoreError("Model.setMask: expected \(parameterCount) values, got \(values.count)")
        }
        let m = FloatBuffer(count: parameterCount)
        for (i, x) in values.enumerated() { m.pointer[i] = x }
        mask = m
        applyMask()
    }

    /// The current mask, if one is set.
    public var currentMask: [Float]? { mask.map { Array($0.buffer) } }

    /// Each layer's slice of the flat parameter array (empty for layers without parameters).
    /// Dense: `W (out, in)` row-major then `b`; Conv2D: `W (Cout, Cin·k·k)` then `b`;
    /// BatchNorm: `γ` then `β`.
    public var parameterRanges: [Range<Int>] {
        zip(layers, parameterOffsets).map { layer, offset in offset..<(offset + layer.parameterCount) }
    }

    /// One line per layer, e.g. `Dense(784→512, relu)`.
    public var layerDescriptions: [String] { layers.map(\.description) }
}
