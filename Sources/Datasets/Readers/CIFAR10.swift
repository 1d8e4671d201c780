import Foundation

/// CIFAR-10 in its binary distribution (`cifar-10-batches-bin`): each record is one label byte
/// followed by 3072 pixel bytes (1024 red, 1024 green, 1024 blue; rows of 32).
public enum CIFAR10 {
    /// The bytes per record.
    public static let recordSize = 1 + 3 * 32 * 32
    /// The class names, in label order.
    public static let classNames = ["airplane", "automobile", "bird", "cat", "deer",
                                    "dog", "frog", "horse", "ship", "truck"]

    /// Reads one batch file into inputs `(n, 3, 32, 32)` scaled to `[0, 1]` and labels `0..<10`.
    public static func readBatch(path: String) throws -> LabeledData {
        let bytes = try Gzip.readFile(path)
        guard !bytes.isEmpty, bytes.count % recordSize == 0 else {
            let whole = bytes.count / recordSize
            throw DatasetError.truncated(path: path, expected: (whole + 1) * recordSize, found: bytes.count)
        }
        let n = bytes.count / recordSize
        var pixels = [Float](repeating: 0, count: n * (recordSize - 1))
        var labels = [Int](repeating: 0, count: n)
        for r in 0..<n {
            let base = r * recordSize
            let label = Int(bytes[base])
            guard label < 10 else {
                throw DatasetError.corrupt(path: path, reason: "record \(r) has label \(label); CIFAR-10 labels are 0…9")
            }
            labels[r] = label
            for i in 0..<(recordSize - 1) { pixels[r * (recordSize - 1) + i] = Float(bytes[base + 1 + i]) / 255 }
        }
        do {
            return try LabeledData(inputs: Tensor(shape: [n, 3, 32, 32], scalars: pixels), labels: labels, classes: 10)
        } catch { throw DatasetError.invalid("\(error)") }
    }

    /// Loads the training split (`data_batch_1.bin` … `data_batch_5.bin`) or the test split
    /// (`test_batch.bin`) from `directory`; `limit` keeps the first examples.
    public static func load(split: ImageClassificationSet.Split, directory: String, limit: Int? = nil) throws -> LabeledData {
        let names = split == .train ? (1...5).map { "data_batch_\($0).bin" } : ["test_batch.bin"]
        var inputs: [Float] = [], labels: [Int] = []
        for name in names {
            if let limit, labels.count >= limit { break }
            let batch = try readBatch(path: (directory as NSString).appendingPathComponent(name))
            inputs += batch.inputs.scalars
            labels += batch.labels
        }
        let n = min(labels.count, limit ?? labels.count)
        let size = 3 * 32 * 32
        do {
            return try LabeledData(inputs: Tensor(shape: [n, 3, 32, 32], scalars: Array(inputs[0..<(n * size)])),
                                   labels: Array(labels[0..<n]), classes: 10)
        } catch { throw DatasetError.invalid("\(error)") }
    }
}
