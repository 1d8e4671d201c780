/// One stage of a network, with its forward pass and its hand-written backward pass side by side.
///
/// Layers work on raw, preallocated batches so that a training step allocates nothing. Shapes are
/// per example (`inputShape`, `outputShape`); a batch is `(batch, inputShape...)`, row-major.
/// A layer's parameters and their gradients live in the model's flat arrays; `bind` hands the
/// layer its slice of each.
public protocol Layer: AnyObject {
    /// A short description, e.g. `Dense(784→512, relu)`.
    var description: String { get }
    /// The shape of one input example.
    var inputShape: [Int] { get }
    /// The shape of one output example.
    var outputShape: [Int] { get }
    /// The number of trainable Float32 parameters.
    var parameterCount: Int { get }
    /// The indices (into this layer's parameter slice) of weights that pruning masks may remove
    /// (weights of Dense/Conv2D; not biases or BatchNorm scales).
    var prunableRange: Range<Int> { get }

    /// Points the layer at its slice of the model's parameter and gradient arrays (the gradient
    /// slice may be re-pointed later, e.g. at an optimizer's velocity).
    func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>)
    /// Draws initial parameter values.
    func initialize(using rng: inout SeededGenerator)
    /// Makes sure scratch space for batches of up to `batch` examples exists.
    func reserve(batch: Int)
    /// `y = f(x)` for a batch; `x` is `(batch, inputShape)`, `y` is `(batch, outputShape)`.
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool)
    /// Back-propagates `dy = ∂L/∂y`: writes `dx = ∂L/∂x` (unless `dx` is nil) and writes each
    /// parameter gradient as `blend` says. `x` and `y` are the forward pass's input and output;
    /// the layer may overwrite `dy`. `dx` may equal `dy` only for element-wise layers.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend)
}

extension Layer {
    public var parameterCount: Int { 0 }
    public var prunableRange: Range<Int> { 0..<0 }
    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {}
    public func initialize(using rng: inout SeededGenerator) {}
    public func reserve(batch: Int) {}

    /// The number of Float32 values in one input example.
    var inputSize: Int { inputShape.reduce(1, *) }
    /// The number of Float32 values in one output example.
    var outputSize: Int { outputShape.reduce(1, *) }
}
