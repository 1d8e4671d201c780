import Foundation

/// The first `train` training and `test` test images of a set read from files (MNIST, Fashion-MNIST
/// and KMNIST as IDX files, CIFAR-10 as binary batches), optionally standardised per image and
/// centre-cropped.
public struct ImageSource: DataSource {
    /// The image sets.
    public enum Set: String, Hashable, Sendable, CaseIterable {
        case fashionMNIST = "fashion-mnist", mnist, kmnist, cifar10
    }
    /// Which set.
    public var set: Set
    /// The folder of the files; empty: the Debian package's folder (CIFAR-10 has none).
    public var directory: String
    /// Training examples (the first n of the training split).
    public var train: Int
    /// Test examples (the first n of the test split; 0: none).
    public var test: Int
    /// Per-image standardisation (zero mean, unit variance).
    public var whiten: Bool
    /// Centre crop to `crop × crop` pixels (0: none).
    public var crop: Int

    /// A source of `train` + `test` images of `set` in `directory`.
    public init(set: Set, directory: String = "", train: Int, test: Int, whiten: Bool = false, crop: Int = 0) {
        self.set = set
        self.directory = directory
        self.train = train
        self.test = test
        self.whiten = whiten
        self.crop = crop
    }

    private var idxSet: ImageClassificationSet? {
        switch set {
        case .fashionMNIST: .fashionMNIST
        case .mnist: .mnist
        case .kmnist: .kmnist
        case .cifar10: nil
        }
    }

    /// The folder actually read.
    public var folder: String { directory.isEmpty ? idxSet?.defaultDirectory ?? "" : directory }

    /// The files of one split.
    public func files(_ split: ImageClassificationSet.Split) -> [String] {
        if set == .cifar10 {
            let names = split == .train ? (1...5).map { "data_batch_\($0).bin" } : ["test_batch.bin"]
            return names.map { (folder as NSString).appendingPathComponent($0) }
        }
        let prefix = split == .train ? "train" : "t10k"
        return ["\(prefix)-images-idx3-ubyte", "\(prefix)-labels-idx1-ubyte"].map { ImageClassificationSet.locate(folder, $0) }
    }

    /// The training files, and the test files when test images are read.
    public var files: [String] { files(.train) + (test > 0 ? files(.test) : []) }

    /// `images fashion-mnist train 1000 test 0 whiten false crop 0`.
    public var recipe: String { "images \(set.rawValue) train \(train) test \(test) whiten \(whiten) crop \(crop)" }

    /// One split's first `count` images (the files are read and checked in full).
    private func read(_ split: ImageClassificationSet.Split, _ count: Int) throws -> LabeledData {
        try idxSet.map { try $0.load(split: split, directory: folder, limit: count) }
            ?? CIFAR10.load(split: split, directory: folder, limit: count)
    }

    /// The training set and, when `test > 0`, the test set (at most `test` images), preprocessed;
    /// throws when the training split has fewer than `train` images.
    public func load() throws -> (train: LabeledData, test: LabeledData?) {
        var trainSet = try read(.train, train)
        guard trainSet.count >= train else {
            throw DatasetError.invalid("\(train) training examples requested but \(folder) has only \(trainSet.count)")
        }
        var testSet = test > 0 ? try read(.test, test) : nil
        if whiten {
            trainSet = Preprocessing.perImageWhitened(trainSet)
            testSet = testSet.map(Preprocessing.perImageWhitened)
        }
        if crop > 0 {
            trainSet = try Preprocessing.centreCropped(trainSet, height: crop, width: crop)
            testSet = try testSet.map { try Preprocessing.centreCropped($0, height: crop, width: crop) }
        }
        return (trainSet, testSet)
    }
}
