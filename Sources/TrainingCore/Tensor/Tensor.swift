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
    /// - Throws: `TrainingCoreError` if a dimension is negative, the element count overflows, or
    ///   `scalars.count` differs from the product of `shape`.
    public init(shape: [Int], scalars: [Float]) throws {
        let count = try Tensor.elementCount(of: shape)
        guard scalars.count == count else {
            throw TrainingCoreError("Tensor: shape \(shape) needs \(count) scalars, got \(scalars.count)")
        }
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of the given shape filled with `value`.
    ///
    /// - Throws: `TrainingCoreError` if a dimension is negative or the element count overflows.
    public init(shape: [Int], repeating value: Float = 0) throws {
        let count = try Tensor.elementCount(of: shape)
        self.shape = shape
        scalars = [Float](repeating: value, count: count)
    }

    /// A tensor whose shape the caller has derived from valid tensors (a programming error otherwise).
    init(validShape shape: [Int], scalars: [Float]) {
        precondition(scalars.count == shape.reduce(1, *),
                     "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// The product of `shape`, checked: no negative dimension, no overflow.
    static func elementCount(of shape: [Int]) throws -> Int {
        var count = 1
        for d in shape {
            guard d >= 0 else { throw TrainingCoreError("Tensor: negative dimension in shape \(shape)") }
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw TrainingCoreError("Tensor: shape \(shape) has too many elements") }
            count = product
        }
        return count
    }

    private enum CodingKeys: String, CodingKey { case shape, scalars }

    /// Decodes a tensor and checks it like `init(shape:scalars:)` (a stored tensor may be corrupt).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(shape: container.decode([Int].self, forKey: .shape),
                      scalars: container.decode([Float].self, forKey: .scalars))
    }

    /// The total number of elements.
    public var count: Int { scalars.count }

    /// The number of elements per index of the first dimension (per example for a batch).
    public var strideOfFirstDimension: Int { shape.dropFirst().reduce(1, *) }

    /// The tensor with a new shape holding the same number of elements.
    ///
    /// - Throws: `TrainingCoreError` if `newShape` holds a different number of elements.
    public func reshaped(_ newShape: [Int]) throws -> Tensor {
        try Tensor(shape: newShape, scalars: scalars)
    }

    /// Rows `range` of the first dimension, as a tensor of shape `(range.count, ...)`.
    public func rows(_ range: Range<Int>) -> Tensor {
        precondition(!shape.isEmpty && range.lowerBound >= 0 && range.upperBound <= shape[0],
                     "Tensor.rows: \(range) outside the first dimension of \(shape)")
        let s = strideOfFirstDimension
        return Tensor(validShape: [range.count] + shape.dropFirst(),
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
        return Tensor(validShape: [indices.count] + shape.dropFirst(), scalars: out)
    }
}
