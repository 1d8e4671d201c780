/// Reads IDX files (the format of MNIST, Fashion-MNIST and KMNIST), raw or gzip-compressed.
///
/// Layout: two zero bytes, a type byte (0x08 = unsigned byte), the number of dimensions `d`,
/// then `d` big-endian UInt32 sizes, then the data in row-major order.
public enum IDXReader {
    /// An unsigned-byte IDX array.
    public struct Array: Sendable, Equatable {
        /// The sizes of the dimensions, outermost first.
        public var shape: [Int]
        /// The values, row-major.
        public var bytes: [UInt8]
    }

    /// Reads the unsigned-byte IDX array in the file at `path` (`.gz` or raw, detected by content).
    public static func read(path: String) throws -> Array {
        let data = try Gzip.readFile(path)
        guard data.count >= 4 else { throw DatasetError.truncated(path: path, expected: 4, found: data.count) }
        guard data[0] == 0, data[1] == 0, data[2] == 0x08, (1...4).contains(data[3]) else {
            let found = data[0..<4].map { String(format2: $0) }.joined(separator: " ")
            throw DatasetError.badMagic(path: path, expected: "00 00 08 0d (d = 1…4, unsigned bytes)", found: found)
        }
        let dims = Int(data[3])
        let headerSize = 4 + 4 * dims
        guard data.count >= headerSize else {
            throw DatasetError.truncated(path: path, expected: headerSize, found: data.count)
        }
        var shape: [Int] = []
        for d in 0..<dims {
            let o = 4 + 4 * d
            shape.append(Int(data[o]) << 24 | Int(data[o + 1]) << 16 | Int(data[o + 2]) << 8 | Int(data[o + 3]))
        }
        let expected = headerSize + shape.reduce(1, *)
        guard data.count >= expected else { throw DatasetError.truncated(path: path, expected: expected, found: data.count) }
        guard data.count == expected else {
            throw DatasetError.corrupt(path: path, reason: "\(data.count - expected) bytes after the data of shape \(shape)")
        }
        return Array(shape: shape, bytes: Swift.Array(data[headerSize...]))
    }

    /// Reads an image file `(n, rows, cols)` and a label file `(n)` into a data set with inputs
    /// `(n, 1, rows, cols)` scaled to `[0, 1]`; `limit` keeps only the first examples.
    public static func labeledImages(images: String, labels: String, classes: Int = 10,
                                     limit: Int? = nil) throws -> LabeledData {
        let x = try read(path: images)
        let y = try read(path: labels)
        guard x.shape.count == 3 else {
            throw DatasetError.corrupt(path: images, reason: "expected 3 dimensions (n, rows, cols), found \(x.shape)")
        }
        guard y.shape.count == 1 else {
            throw DatasetError.corrupt(path: labels, reason: "expected 1 dimension (n), found \(y.shape)")
        }
        guard x.shape[0] == y.shape[0] else {
            throw DatasetError.invalid("\(images) holds \(x.shape[0]) images but \(labels) holds \(y.shape[0]) labels")
        }
        if let bad = y.bytes.first(where: { Int($0) >= classes }) {
            throw DatasetError.corrupt(path: labels, reason: "label \(bad) is not below \(classes)")
        }
        let n = min(x.shape[0], limit ?? x.shape[0])
        let size = x.shape[1] * x.shape[2]
        let scalars = x.bytes[0..<(n * size)].map { Float($0) / 255 }
        let inputs = try Tensor(shape: [n, 1, x.shape[1], x.shape[2]], scalars: scalars)
        do {
            return try LabeledData(inputs: inputs, labels: y.bytes[0..<n].map { Int($0) }, classes: classes)
        } catch {
            throw DatasetError.invalid("\(error)")
        }
    }
}

extension String {
    /// Two lowercase hex digits.
    init(format2 byte: UInt8) {
        let digits = Swift.Array("0123456789abcdef")
        self = String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }
}
