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
    ///
    /// - Throws: `TrainingCoreError` unless both sizes are positive.
    public init(inputSize: Int, outputSize: Int, activation: Activation = .identity,
                weightInitializer: Initializer = .he) throws {
        guard inputSize > 0 && outputSize > 0 else {
            throw TrainingCoreError("Dense: input and output sizes must be positive, got \(inputSize)→\(outputSize)")
        }
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

    // Forward: y = x·Wᵀ (sgemm), then one fused pass adds b and applies f (split by rows).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        BLAS.sgemm(false, true, m: batch, n: outputs, k: inputs, x, w, y)          // (B, out)
        WorkerTeam.split(batch, minimumPerThread: Dense.elementsPerThread / outputs, alignment: 1,
                         BiasAndActivation(y: y, bias: b, columns: outputs, activation: activation))
    }

    // Backward: dz = dy ⊙ f′ (in place) and db = Σ_rows dz in one pass (split by columns),
    // then dW = dzᵀ·x, dx = dz·W.
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let n = outputs
        WorkerTeam.split(n, minimumPerThread: Dense.elementsPerThread / batch,
                         DerivativeAndBiasGradient(dy: dy, y: y, rows: batch, columns: n, activation: activation,
                                                   biasGradient: db, blend: blend))        // dz (B, out), db (out)
        BLAS.sgemm(true, false, m: n, n: inputs, k: batch, alpha: blend.scale, dy, x,
                   beta: blend.keep, dw)                                                   // (out, in)
        if let dx { BLAS.sgemm(false, false, m: batch, n: inputs, k: n, dy, w, dx) }       // (B, in)
    }

    /// The least number of values worth a thread of their own in the element-wise passes.
    static let elementsPerThread = 16_384

    /// `y ← f(y + b)` over rows of `y (B, out)`.
    private struct BiasAndActivation: ChunkWork {
        let y: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, columns: Int, activation: Activation
        func run(_ rows: Range<Int>) {
            Kernels.addBiasAndActivate(y, bias: bias, rows: rows, columns: columns, activation: activation)
        }
    }

    /// `dz ← dy ⊙ f′` and `db ← keep·db + scale·Σ_rows dz` over columns of `(B, out)`.
    private struct DerivativeAndBiasGradient: ChunkWork {
        let dy: UnsafeMutablePointer<Float>, y: UnsafePointer<Float>, rows: Int, columns: Int
        let activation: Activation, biasGradient: UnsafeMutablePointer<Float>, blend: GradientBlend
        func run(_ range: Range<Int>) {
            Kernels.activationDerivativeAndBiasGradient(dy, output: y, rows: rows, columns: columns, range: range,
                                                        activation: activation, into: biasGradient,
                                                        scale: blend.scale, keep: blend.keep)
        }
    }
}
