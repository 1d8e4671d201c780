/// An element-wise non-linearity as a layer of its own (`ReLU`, `Tanh`, `Sigmoid`).
public final class ActivationLayer: Layer {
    public let inputShape: [Int]
    public var outputShape: [Int] { inputShape }
    /// The function applied to every element.
    public let activation: Activation

    /// The non-linearity `activation` over inputs of the given per-example shape.
    public init(_ activation: Activation, shape: [Int]) {
        self.activation = activation
        inputShape = shape
    }

    public var description: String { "\(activation)" }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let n = batch * inputSize
        y.update(from: x, count: n)
        activation.apply(y, count: n)
    }

    // dx = dy ⊙ f′(z), with f′ written through y (see `Activation`).
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard let dx else { return }
        activation.multiplyDerivative(dy, output: y, into: dx, count: batch * inputSize)
    }
}
