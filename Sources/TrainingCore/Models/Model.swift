/// A network: a sequence of layers whose parameters live in one flat array (and whose gradients
/// live in a second flat array of the same layout), with preallocated buffers for every activation.
///
/// Shape legend: `B` batch, `D` input size per example, `K` outputs (classes).
/// `forward`/`backward` on `Tensor`s are for probes and tests; the trainer drives the same
/// computation on the preallocated workspace, which allocates nothing after the first step.
public final class Model {
    /// The architecture this model was built from, if it was built from one.
    public let architecture: ModelArchitecture?
    /// The layers, input to output.
    public let layers: [any Layer]
    /// The shape of one input example.
    public let inputShape: [Int]
    /// The number of outputs per example (classes).
    public let outputCount: Int
    /// The total number of trainable parameters.
    public let parameterCount: Int
    /// Where each layer's parameters start in the flat array.
    public let parameterOffsets: [Int]

    let parameters: FloatBuffer          // (P)
    let gradients: FloatBuffer           // (P)
    /// Pruning mask, 1 = keep, 0 = removed; applied after every optimizer step.
    var mask: FloatBuffer?

    // Workspace for batches of up to `capacity` examples.
    private(set) var capacity = 0
    var activationBuffers: [FloatBuffer] = []  // activationBuffers[i]: input of layer i, (B, size_i); last = logits
    private var gradientA: FloatBuffer?, gradientB: FloatBuffer?
    private(set) var inputGradient: FloatBuffer?   // (B, D)
    var labelBuffer: UnsafeMutablePointer<Int32>?
    private(set) var lastBatch = 0

    /// A model from explicit layers; checks that each layer's output shape feeds the next.
    public init(layers: [any Layer], inputShape: [Int], architecture: ModelArchitecture? = nil,
                rng: inout SeededGenerator) throws {
        guard !layers.isEmpty else { throw TrainingCoreError("Model: needs at least one layer") }
        var shape = inputShape
        for (i, layer) in layers.enumerated() {
            guard layer.inputShape.reduce(1, *) == shape.reduce(1, *) else {
                throw TrainingCoreError("Model: layer \(i) \(layer.description) expects input \(layer.inputShape), gets \(shape)")
            }
            shape = layer.outputShape
        }
        self.layers = layers
        self.inputShape = inputShape
        self.architecture = architecture
        outputCount = shape.reduce(1, *)
        var offsets: [Int] = []
        var total = 0
        for layer in layers { offsets.append(total); total += layer.parameterCount }
        parameterOffsets = offsets
        parameterCount = total
        parameters = FloatBuffer(count: total)
        gradients = FloatBuffer(count: total)
        for (layer, offset) in zip(layers, offsets) {
            layer.bind(parameters: parameters.pointer + offset, gradients: gradients.pointer + offset)
            layer.initialize(using: &rng)
        }
    }

    /// A model built from an architecture description, with weights drawn from `rng`.
    public convenience init(architecture: ModelArchitecture, inputShape: [Int], classes: Int,
                            rng: inout SeededGenerator) throws {
        let layers = try architecture.makeLayers(inputShape: inputShape, classes: classes, rng: &rng)
        try self.init(layers: layers, inputShape: inputShape, architecture: architecture, rng: &rng)
    }

    deinit { labelBuffer?.deallocate() }

    /// The number of Float32 values per input example.
    public var inputSize: Int { inputShape.reduce(1, *) }

    // MARK: - Workspace

    /// Makes sure every buffer can hold a batch of `batch` examples (reallocates only to grow).
    func reserve(batch: Int) {
        guard batch > capacity else { return }
        capacity = batch
        var sizes = [inputSize]
        for layer in layers { sizes.append(layer.outputSize) }
        activationBuffers = sizes.map { FloatBuffer(count: batch * $0) }
        let widest = sizes.dropFirst().max() ?? 1
        gradientA = FloatBuffer(count: batch * widest)
        gradientB = FloatBuffer(count: batch * widest)
        inputGradient = FloatBuffer(count: batch * inputSize)
        labelBuffer?.deallocate()
        labelBuffer = .allocate(capacity: batch)
        labelBuffer!.initialize(repeating: 0, count: batch)
        for layer in layers { layer.reserve(batch: batch) }
    }

    /// Where the next batch's inputs go: `(B, D)`.
    var inputPointer: UnsafeMutablePointer<Float> { activationBuffers[0].pointer }
    /// The logits of the last forward pass: `(B, K)`.
    var logitsPointer: UnsafeMutablePointer<Float> { activationBuffers[layers.count].pointer }
    /// Where `∂L/∂logits` goes before `backwardWorkspace`: `(B, K)`.
    var logitGradientPointer: UnsafeMutablePointer<Float> { gradientA!.pointer }

    /// Runs the layers on the `batch` inputs already in `inputPointer`.
    func forwardWorkspace(batch: Int, training: Bool) {
        precondition(batch <= capacity, "Model: batch \(batch) exceeds reserved capacity \(capacity)")
        lastBatch = batch
        for (i, layer) in layers.enumerated() {
            layer.forward(activationBuffers[i].pointer, activationBuffers[i + 1].pointer, batch: batch, training: training)
        }
    }

    /// Back-propagates the gradient in `logitGradientPointer` through every layer; parameter
    /// gradients are written as `blend` says. Writes `inputGradient` if asked.
    func backwardWorkspace(batch: Int, blend: GradientBlend, inputGradient wantInput: Bool) {
        var dy = gradientA!, other = gradientB!
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            let dx: UnsafeMutablePointer<Float>? = i > 0 ? other.pointer : (wantInput ? inputGradient!.pointer : nil)
            layers[i].backward(x: activationBuffers[i].pointer, y: activationBuffers[i + 1].pointer, dy: dy.pointer,
                               dx: dx, batch: batch, blend: blend)
            swap(&dy, &other)
        }
    }

    /// Points every layer's gradient slice into `target` (same layout as the gradient array),
    /// or back at the model's own gradient array when `target` is nil.
    func bindGradients(to target: UnsafeMutablePointer<Float>?) {
        let base = target ?? gradients.pointer
        for (layer, offset) in zip(layers, parameterOffsets) {
            layer.bind(parameters: parameters.pointer + offset, gradients: base + offset)
        }
    }

    /// Multiplies the parameters by the pruning mask, if one is set.
    func applyMask() {
        guard let mask else { return }
        let w = parameters.pointer, m = mask.pointer
        for i in 0..<parameterCount { w[i] *= m[i] }
    }

    // MARK: - Tensor API

    /// The logits `(B, K)` for inputs `(B, inputShape...)`; `training` selects dropout and
    /// batch-statistics behaviour. Keeps every layer's activations for `backward` and `activations(ofLayer:)`.
    public func forward(_ x: Tensor, training: Bool) throws -> Tensor {
        let batch = try checkInput(x)
        reserve(batch: batch)
        x.scalars.withUnsafeBufferPointer { inputPointer.update(from: $0.baseAddress!, count: x.count) }
        forwardWorkspace(batch: batch, training: training)
        return Tensor(validShape: [batch, outputCount],
                      scalars: Array(UnsafeBufferPointer(start: logitsPointer, count: batch * outputCount)))
    }

    /// Logits `(n, K)` for any number of inputs in evaluation mode, computed in chunks of
    /// `batchSize` so memory stays bounded (use this, not `forward`, for whole data sets).
    public func predict(_ x: Tensor, batchSize: Int = 256) throws -> Tensor {
        let n = x.shape.first ?? 0
        guard x.shape.count >= 1, x.strideOfFirstDimension == inputSize else {
            throw TrainingCoreError("Model.predict: input of shape \(x.shape) does not match (n, \(inputShape))")
        }
        guard batchSize > 0 else { throw TrainingCoreError("Model.predict: batchSize must be positive") }
        var out = [Float](repeating: 0, count: n * outputCount)
        var start = 0
        while start < n {
            let end = min(n, start + batchSize), b = end - start
            reserve(batch: b)
            x.scalars.withUnsafeBufferPointer {
                inputPointer.update(from: $0.baseAddress! + start * inputSize, count: b * inputSize)
            }
            forwardWorkspace(batch: b, training: false)
            out.withUnsafeMutableBufferPointer {
                ($0.baseAddress! + start * outputCount).update(from: logitsPointer, count: b * outputCount)
            }
            start = end
        }
        return Tensor(validShape: [n, outputCount], scalars: out)
    }

    /// Back-propagates `∂L/∂logits (B, K)` through the last `forward`; adds the parameter
    /// gradients to `flatGradients()` and returns `∂L/∂inputs` with the input's shape.
    public func backward(_ dLogits: Tensor) throws -> Tensor {
        guard lastBatch > 0 else { throw TrainingCoreError("Model.backward: call forward first") }
        guard dLogits.shape == [lastBatch, outputCount] else {
            throw TrainingCoreError("Model.backward: expected dLogits of shape \([lastBatch, outputCount]), got \(dLogits.shape)")
        }
        dLogits.scalars.withUnsafeBufferPointer { logitGradientPointer.update(from: $0.baseAddress!, count: dLogits.count) }
        backwardWorkspace(batch: lastBatch, blend: .accumulate, inputGradient: true)
        return Tensor(validShape: [lastBatch] + inputShape,
                      scalars: Array(UnsafeBufferPointer(start: inputGradient!.pointer, count: lastBatch * inputSize)))
    }

    /// The output of layer `index` (0-based) from the last `forward`, shape `(B, outputShape...)`.
    public func activations(ofLayer index: Int) throws -> Tensor {
        guard index >= 0 && index < layers.count else {
            throw TrainingCoreError("Model.activations: no layer \(index) (the model has \(layers.count))")
        }
        guard lastBatch > 0 else { throw TrainingCoreError("Model.activations: call forward first") }
        let layer = layers[index]
        return Tensor(validShape: [lastBatch] + layer.outputShape,
                      scalars: Array(UnsafeBufferPointer(start: activationBuffers[index + 1].pointer,
                                                         count: lastBatch * layer.outputSize)))
    }

    /// Zeroes every parameter gradient.
    public func zeroGradients() { gradients.zero() }

    /// A copy of all parameters in layer order (each layer's own layout, e.g. Dense: W then b).
    public func flatParameters() -> [Float] { Array(parameters.buffer) }

    /// A copy of all parameter gradients, in the same layout as `flatParameters()`.
    public func flatGradients() -> [Float] { Array(gradients.buffer) }

    /// Replaces all parameters; throws if the count is wrong.
    public func setFlatParameters(_ values: [Float]) throws {
        guard values.count == parameterCount else {
            throw TrainingCoreError("Model.setFlatParameters: expected \(parameterCount) values, got \(values.count)")
        }
        values.withUnsafeBufferPointer { parameters.pointer.update(from: $0.baseAddress!, count: values.count) }
    }

    private func checkInput(_ x: Tensor) throws -> Int {
        guard x.shape.count >= 1, x.shape[0] > 0, x.strideOfFirstDimension == inputSize else {
            throw TrainingCoreError("Model: input of shape \(x.shape) does not match (B > 0, \(inputShape))")
        }
        return x.shape[0]
    }
}
