/// A dense, row-major array of Float32 values with a shape, e.g. `(n, 784)` or `(n, 3, 32, 32)`.
///
/// `Tensor` is a plain value used at the API boundary (data sets, model inputs and outputs, probes);
/// the training step itself works on preallocated buffers and never creates tensors.
public struct Tensor: Equatable, Hashable, Sendable, Codable {
    /// The extent of each dimension, outermost first.
    public var shape: [Int]
    /// The elements in row-major order; `scalars.count == shape.reduce(1, *)`.
    public var scalars: [Float]

    /// A tensor with the given shape and elements.
    ///
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of the given shape filled with `value`.
    public init(shape: [Int], repeating value: Float = 0) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    /// The total number of elements.
    public var count: Int { scalars.count }

    /// The number of elements per index of the first dimension (per example for a batch).
    public var strideOfFirstDimension: Int { shape.dropFirst().reduce(1, *) }

    /// The tensor with a new shape holding the same number of elements.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }

    /// Rows `range` of the first dimension, as a tensor of shape `(range.count, ...)`.
    public func rows(_ range: Range<Int>) -> Tensor {
        let s = strideOfFirstDimension
        return Tensor(shape: [range.count] + shape.dropFirst(),
                      scalars: Array(scalars[range.lowerBound * s ..< range.upperBound * s]))
    }

    /// The given rows of the first dimension, in the given order.
    public func gathering(rows indices: [Int]) -> Tensor {
        let s = strideOfFirstDimension
        var out = [Float](repeating: 0, count: indices.count * s)
        scalars.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for (r, i) in indices.enumerated() {
                    precondition(i >= 0 && i < shape[0], "Tensor.gathering: row \(i) out of 0..<\(shape[0])")
                    (dst.baseAddress! + r * s).update(from: src.baseAddress! + i * s, count: s)
                }
            }
        }
        return Tensor(shape: [indices.count] + shape.dropFirst(), scalars: out)
    }
}
