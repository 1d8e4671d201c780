/// The corruptions of one run's data (Zhang et al. 2017, Arpit et al. 2017): a fraction of the
/// training labels redrawn uniformly, then the inputs replaced, all drawn from the run's data stream.
public struct DataCorruption: Hashable, Sendable {
    /// The fraction of training labels redrawn uniformly from all classes (1: random labels).
    public var labels: Double
    /// The input corruption (nil: real inputs).
    public var inputs: InputCorruption?
    /// Whether the test inputs get the same corruption (shuffled pixels: the same permutation).
    public var corruptsTestInputs: Bool

    /// Corruptions of the labels and inputs.
    public init(labels: Double = 0, inputs: InputCorruption? = nil, corruptsTestInputs: Bool = true) {
        self.labels = labels
        self.inputs = inputs
        self.corruptsTestInputs = corruptsTestInputs
    }

    /// The corrupted sets and, per training example, whether its label was redrawn.
    ///
    /// Labels first, then the inputs: the training and the test inputs each from a copy of the
    /// generator as it stands after the labels, so that one permutation serves both splits.
    public func apply(train: LabeledData, test: LabeledData?, rng: inout SeededGenerator) throws
        -> (train: LabeledData, test: LabeledData?, corrupted: [Bool]) {
        var (trainSet, testSet) = (train, test)
        var corrupted = [Bool](repeating: false, count: train.count)
        if labels > 0 { (trainSet, corrupted) = try LabelCorruption(fraction: labels).apply(to: trainSet, rng: &rng) }
        if let inputs {
            var trainRNG = rng
            trainSet = inputs.apply(to: trainSet, rng: &trainRNG)
            if corruptsTestInputs, let t = testSet { var testRNG = rng; testSet = inputs.apply(to: t, rng: &testRNG) }
        }
        return (trainSet, testSet, corrupted)
    }
}
