import Foundation

/// The 28×28 grey-scale image sets stored as IDX files: MNIST, Fashion-MNIST and KMNIST.
///
/// Each directory holds `train-images-idx3-ubyte`, `train-labels-idx1-ubyte`,
/// `t10k-images-idx3-ubyte`, `t10k-labels-idx1-ubyte`, each optionally ending in `.gz`.
public enum ImageClassificationSet: String, Codable, Hashable, Sendable, CaseIterable {
    case mnist, fashionMNIST, kmnist

    /// Which half of a set.
    public enum Split: String, Codable, Hashable, Sendable { case train, test }

    /// Where the set is looked for when no directory is given.
    public var defaultDirectory: String {
        switch self {
        case .fashionMNIST: "/usr/share/datasets/fashion-mnist"
        case .mnist: "/usr/share/datasets/mnist"
        case .kmnist: "/usr/share/datasets/kmnist"
        }
    }

    /// Loads a split as inputs `(n, 1, 28, 28)` in `[0, 1]` with labels `0..<10`.
    ///
    /// - Parameter limit: keep only the first `limit` examples (files are read in full).
    public func load(split: Split, directory: String? = nil, limit: Int? = nil) throws -> LabeledData {
        let dir = directory ?? defaultDirectory
        let prefix = split == .train ? "train" : "t10k"
        return try IDXReader.labeledImages(images: Self.locate(dir, "\(prefix)-images-idx3-ubyte"),
                                           labels: Self.locate(dir, "\(prefix)-labels-idx1-ubyte"),
                                           classes: 10, limit: limit)
    }

    /// The path of `name.gz` if it exists, else of `name` (which the reader reports if missing).
    static func locate(_ directory: String, _ name: String) -> String {
        let base = (directory as NSString).appendingPathComponent(name)
        return FileManager.default.fileExists(atPath: base + ".gz") ? base + ".gz" : base
    }
}
