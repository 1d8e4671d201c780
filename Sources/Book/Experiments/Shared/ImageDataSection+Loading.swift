import Datasets

extension ImageDataSection {
    /// The training and test sets (test nil when `test` is 0), corrupted by `corruption` from the
    /// run's `"data"` stream; `corrupted[i]` says whether training label `i` was redrawn.
    func load(corruption: DataCorruption, seed: UInt64) throws -> (train: LabeledData, test: LabeledData?, corrupted: [Bool]) {
        let (train, test) = try source.loadCached()
        var rng = SeededGenerator(seed: seed, stream: "data")
        return try corruption.apply(train: train, test: test, rng: &rng)
    }
}
