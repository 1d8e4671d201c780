extension Experiment {
    /// The check every training kind makes: a minibatch cannot be larger than the training set.
    func checkBatch(_ batch: Int, fits train: Int, path: String = "batch") throws(KindIssue) {
        if batch > train {
            throw KindIssue(path: path, message: "batch \(batch) is larger than the training set (\(train) examples)")
        }
    }
}
