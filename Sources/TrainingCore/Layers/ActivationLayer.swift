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
        WorkerTeam.split(batch * inputSize, minimumPerThread: BLAS.elementsPerThread,
                         Pass(activation: activation, x: x, y: y, dy: nil, dx: nil))
    }

    // dx = dy ⊙ f′(z), with f′ written through y (see `Activation`).
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard let dx else { return }
        WorkerTeam.split(batch * inputSize, minimumPerThread: BLAS.elementsPerThread,
                         Pass(activation: activation, x: x, y: UnsafeMutablePointer(mutating: y), dy: dy, dx: dx))
    }

    /// The element-wise forward (`dy` nil) or backward pass over a range of elements (each element's
    /// arithmetic is the same whatever the range, so results do not depend on the split).
    private struct Pass: ChunkWork {
        let activation: Activation, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
        let dy: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?
        func run(_ r: Range<Int>) {
            let i = r.lowerBound
            if let dy, let dx {
                activation.multiplyDerivative(dy + i, output: y + i, into: dx + i, count: r.count)
            } else {
                (y + i).update(from: x + i, count: r.count)
                activation.apply(y + i, count: r.count)
            }
        }
    }
}

extension ActivationLayer: ConcatenationSlotWriter {
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, outputStride: Int, batch: Int, training: Bool) {
        guard outputStride != inputSize else { return forward(x, y, batch: batch, training: training) }
        WorkerTeam.split(batch, minimumPerThread: max(1, BLAS.elementsPerThread / inputSize), alignment: 1,
                         RowPass(activation: activation, size: inputSize, outputStride: outputStride, x: x, y: y, dy: nil, dx: nil))
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>, outputStride: Int,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard outputStride != inputSize else { return backward(x: x, y: y, dy: dy, dx: dx, batch: batch, blend: blend) }
        guard let dx else { return }
        WorkerTeam.split(batch, minimumPerThread: max(1, BLAS.elementsPerThread / inputSize), alignment: 1,
                         RowPass(activation: activation, size: inputSize, outputStride: outputStride, x: x,
                                 y: UnsafeMutablePointer(mutating: y), dy: dy, dx: dx))
    }

    /// `Pass` over whole examples whose outputs (and output gradients) are rows `outputStride` apart.
    private struct RowPass: ChunkWork {
        let activation: Activation, size: Int, outputStride: Int
        let x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
        let dy: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?
        func run(_ examples: Range<Int>) {
            for n in examples {
                let yn = y + n * outputStride
                if let dy, let dx {
                    activation.multiplyDerivative(dy + n * outputStride, output: yn, into: dx + n * size, count: size)
                } else {
                    yn.update(from: x + n * size, count: size)
                    activation.apply(yn, count: size)
                }
            }
        }
    }
}
