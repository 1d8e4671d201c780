/// Reshapes `(C, H, W)` (or any shape) to a flat vector; values are unchanged.
public final class Flatten: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]

    /// Flattens inputs of the given per-example shape.
    public init(inputShape: [Int]) {
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public var description: String { "Flatten" }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        y.update(from: x, count: batch * outputShape[0])
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        dx?.update(from: dy, count: batch * outputShape[0])
    }
}
