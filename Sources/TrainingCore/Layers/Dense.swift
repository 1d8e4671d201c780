/// A fully connected layer with an optional fused activation: `y = f(x · Wᵀ + b)`.
///
/// Shapes: `x (B, in)`, `W (out, in)`, `b (out)`, `y (B, out)`. Parameters are laid out as
/// `W` then `b` in the model's flat array.
public final class Dense: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    /// The non-linearity applied to the affine output (its derivative is fused into backward).
    public let activation: Activation
    /// How the weights are initialised (biases start at zero).
    public let weightInitializer: Initializer
    let inputs: Int, outputs: Int

    private var w: UnsafeMutablePointer<Float>!    // (out, in)
    private var b: UnsafeMutablePointer<Float>!    // (out)
    private var dw: UnsafeMutablePointer<Float>!   // (out, in)  ∂L/∂W (or the optimizer's buffer)
    private var db: UnsafeMutablePointer<Float>!   // (out)

    /// A dense layer from `inputSize` to `outputSize` units.
    public init(inputSize: Int, outputSize: Int, activation: Activation = .identity,
                weightInitializer: Initializer = .he) {
        precondition(inputSize > 0 && outputSize > 0, "Dense: sizes must be positive")
        inputs = inputSize; outputs = outputSize
        inputShape = [inputSize]; outputShape = [outputSize]
        self.activation = activation
        self.weightInitializer = weightInitializer
    }

    public var description: String { "Dense(\(inputs)→\(outputs)\(activation == .identity ? "" : ", \(activation)"))" }
    public var parameterCount: Int { outputs * inputs + outputs }
    public var prunableRange: Range<Int> { 0..<(outputs * inputs) }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        w = parameters; b = parameters + outputs * inputs
        dw = gradients; db = gradients + outputs * inputs
    }

    public func initialize(using rng: inout SeededGenerator) {
        weightInitializer.fill(w, count: outputs * inputs, fanIn: inputs, fanOut: outputs, rng: &rng)
        b.update(repeating: 0, count: outputs)
    }

    // Forward: y = x·Wᵀ (sgemm), then one fused pass adds b and applies f.
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        BLAS.sgemm(false, true, m: batch, n: outputs, k: inputs, x, w, y)          // (B, out)
        let bias = b!
        let n = outputs
        switch activation {
        case .identity:
            for r in 0..<batch { let row = y + r * n; for j in 0..<n { row[j] += bias[j] } }
        case .relu:
            for r in 0..<batch { let row = y + r * n; for j in 0..<n { row[j] = max(row[j] + bias[j], 0) } }
        case .tanh, .sigmoid:
            for r in 0..<batch { let row = y + r * n; for j in 0..<n { row[j] += bias[j] } }
            activation.apply(y, count: batch * n)
        }
    }

    // Backward: dz = dy ⊙ f′ (in place), db = Σ_rows dz, dW = dzᵀ·x, dx = dz·W.
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let n = outputs
        activation.multiplyDerivative(dy, output: y, into: dy, count: batch * n)    // dz (B, out)
        let g = db!
        // db: column sums of dz, blended into the bias gradient.
        if blend.keep == 0 { g.update(repeating: 0, count: n) }
        else if blend.keep != 1 { for j in 0..<n { g[j] *= blend.keep } }
        for r in 0..<batch { let row = dy + r * n; for j in 0..<n { g[j] += blend.scale * row[j] } }
        BLAS.sgemm(true, false, m: n, n: inputs, k: batch, alpha: blend.scale, dy, x,
                   beta: blend.keep, dw)                                                   // (out, in)
        if let dx { BLAS.sgemm(false, false, m: batch, n: inputs, k: n, dy, w, dx) }       // (B, in)
    }
}
