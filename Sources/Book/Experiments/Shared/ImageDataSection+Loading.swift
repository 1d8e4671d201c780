import Datasets

extension ImageDataSection {
    /// The training and test sets (test nil when `test` is 0), corrupted by `corruption` from the
    /// run's `"data"` stream; `corrupted[i]` says whether training label `i` was redrawn.
    func load(corruption: DataCorruption, seed: UInt64) throws -> (train: LabeledData, test: LabeledData?, corrupted: [Bool]) {
        let (train, test) = try source.loadCached()
        var rng = SeededGenerator(seed: seed, stream: "data")
        return try corruption.apply(train: train, test: test, rng: &rng)
    }

    /// Like `load(corruption:seed:)`, but the `train` training images are drawn at random from the
    /// whole training split (the run's `"draw"` stream), so seeds differ in which images they see.
    func loadDrawn(corruption: DataCorruption, seed: UInt64) throws -> (train: LabeledData, test: LabeledData?, corrupted: [Bool]) {
        let (split, test) = try wholeSplitSource.loadCached()
        var draw = SeededGenerator(seed: seed, stream: "draw")
        let chosen = Array(draw.permutation(split.count).prefix(train)).sorted()
        var rng = SeededGenerator(seed: seed, stream: "data")
        return try corruption.apply(train: split.subset(chosen), test: test, rng: &rng)
    }

    /// The files `loadDrawn` reads: the whole training split, the first `test` test images.
    var wholeSplitSource: ImageSource {
        var whole = source
        whole.train = Self.trainingSplitSize
        return whole
    }

    /// The size of the training split of every set this section reads (Fashion-MNIST, MNIST, KMNIST).
    static let trainingSplitSize = 60000
}
