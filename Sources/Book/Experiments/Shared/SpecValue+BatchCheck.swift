extension SpecValue {
    /// The check every training kind makes: a minibatch cannot be larger than the training set.
    func checkBatchFitsTrainingSet(batch: String = "batch", train: String = "data.train") throws(KindIssue) {
        if let b = self[path: batch]?.intValue, let n = self[path: train]?.intValue, b > n {
            throw KindIssue(path: batch, message: "batch \(b) is larger than the training set (\(n) examples)")
        }
    }
}
