/// A classification data set: inputs `(n, ...)` and one integer label in `0..<classes` per input.
public struct LabeledData: Sendable, Hashable, Codable {
    /// The inputs, first dimension = number of examples.
    public var inputs: Tensor
    /// One label per example, each in `0..<classes`.
    public var labels: [Int]
    /// The number of classes.
    public var classes: Int

    /// A data set; throws if the counts disagree or a label is out of range.
    public init(inputs: Tensor, labels: [Int], classes: Int) throws {
        guard let n = inputs.shape.first else {
            throw TrainingCoreError("LabeledData: inputs need a first (example) dimension, got shape []")
        }
        guard n == labels.count else {
            throw TrainingCoreError("LabeledData: \(n) inputs but \(labels.count) labels")
        }
        guard classes > 0 else { throw TrainingCoreError("LabeledData: classes must be positive, got \(classes)") }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classes }) {
            throw TrainingCoreError("LabeledData: label \(bad) outside 0..<\(classes)")
        }
        self.inputs = inputs
        self.labels = labels
        self.classes = classes
    }

    private enum CodingKeys: String, CodingKey { case inputs, labels, classes }

    /// Decodes a data set and checks it like `init(inputs:labels:classes:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(inputs: container.decode(Tensor.self, forKey: .inputs),
                      labels: container.decode([Int].self, forKey: .labels),
                      classes: container.decode(Int.self, forKey: .classes))
    }

    /// The number of examples.
    public var count: Int { labels.count }

    /// The shape of one input, e.g. `[784]` or `[3, 32, 32]`.
    public var sampleShape: [Int] { Array(inputs.shape.dropFirst()) }

    /// The number of Float32 values per input.
    public var sampleSize: Int { inputs.strideOfFirstDimension }

    /// The examples at `indices`, in that order.
    public func subset(_ indices: [Int]) -> LabeledData {
        var copy = self
        copy.inputs = inputs.gathering(rows: indices)
        copy.labels = indices.map { labels[$0] }
        return copy
    }

    /// The first `n` examples (all of them if `n >= count`).
    public func prefix(_ n: Int) -> LabeledData {
        let m = max(0, min(n, count))
        var copy = self
        copy.inputs = inputs.rows(0..<m)
        copy.labels = Array(labels[0..<m])
        return copy
    }

    /// Examples `range` as a batch `(inputs, labels)`.
    public func batch(_ range: Range<Int>) -> (inputs: Tensor, labels: [Int]) {
        (inputs.rows(range), Array(labels[range]))
    }

    /// Copies the inputs and labels at `indices` into preallocated storage (no allocation); the
    /// rows are split across the BLAS threads (a batch's rows lie scattered over the whole data set,
    /// so the copy waits on memory, and two threads wait in parallel).
    func gather(_ indices: ArraySlice<Int>, inputs dst: UnsafeMutablePointer<Float>,
                labels labelDst: UnsafeMutablePointer<Int32>) {
        guard !indices.isEmpty else { return }
        let s = sampleSize
        inputs.scalars.withUnsafeBufferPointer { src in
            labels.withUnsafeBufferPointer { labels in
                indices.withUnsafeBufferPointer { indices in
                    WorkerTeam.split(indices.count, minimumPerThread: max(1, 16_384 / max(1, s)), alignment: 1,
                                     RowGather(indices: indices.baseAddress!, inputs: src.baseAddress!, labels: labels.baseAddress!,
                                               rowSize: s, inputDestination: dst, labelDestination: labelDst))
                }
            }
        }
    }

    /// Copies example `indices[r]` to row `r` of the destination, for the rows `r` of a range.
    private struct RowGather: ChunkWork {
        let indices: UnsafePointer<Int>, inputs: UnsafePointer<Float>, labels: UnsafePointer<Int>, rowSize: Int
        let inputDestination: UnsafeMutablePointer<Float>, labelDestination: UnsafeMutablePointer<Int32>
        func run(_ rows: Range<Int>) {
            for r in rows {
                let i = indices[r]
                (inputDestination + r * rowSize).update(from: inputs + i * rowSize, count: rowSize)
                labelDestination[r] = Int32(truncatingIfNeeded: labels[i])
            }
        }
    }
}
