/// Overfitting under label noise, measured against what a network that memorizes nothing would
/// score on the noisy training labels.
///
/// With a share `q` of the training labels corrupt, each moved to one of the other `K − 1`
/// classes uniformly at random, take a network that behaves on the training inputs as on the test
/// inputs: it predicts the true class with probability `a` (its clean test accuracy) and, when it
/// errs, a wrong class that does not depend on the corrupt label. On a clean example it matches the
/// training label with probability `a`; on a corrupt example only when it errs *and* happens to
/// pick the drawn wrong class, probability `(1 − a)/(K − 1)`. Its expected training accuracy is
///
///     E = (1 − q)·a + q·(1 − a)/(K − 1),
///
/// and the adjusted overfit is the measured training accuracy minus `E`: about 0 for a network
/// that stores no label noise and fits the clean examples no better than the test points, and
/// about the share of training examples fitted beyond that otherwise. (The plain gap, training
/// minus test accuracy, of the same non-memorizing network is `E − a`, far below 0 under heavy noise.)
///
/// This is the course's own definition; Chatterjee & Zielinski (2022) use a measure of the same
/// name whose exact formula we could not check.
public enum AdjustedOverfit {
    /// The expected accuracy on the noisy training labels of a network that does not memorize:
    /// `(1 − q)·a + q·(1 − a)/(K − 1)`.
    /// - Parameters:
    ///   - testAccuracy: `a`, the accuracy on clean test labels, in [0, 1].
    ///   - corruptShare: `q`, the share of training labels that differ from the true class, in [0, 1].
    ///   - classes: `K ≥ 2`.
    /// - Throws: `ProbeError.invalidArgument` for values outside those ranges or not finite.
    public static func nonMemorizingTrainAccuracy(testAccuracy a: Double, corruptShare q: Double, classes: Int) throws -> Double {
        guard classes >= 2 else { throw ProbeError.invalidArgument("adjusted overfit needs at least 2 classes (got \(classes))") }
        guard a.isFinite, (0...1).contains(a) else { throw ProbeError.invalidArgument("test accuracy \(a) is not in [0, 1]") }
        guard q.isFinite, (0...1).contains(q) else { throw ProbeError.invalidArgument("corrupt share \(q) is not in [0, 1]") }
        return (1 - q) * a + q * (1 - a) / Double(classes - 1)
    }

    /// Training accuracy on the noisy labels minus `nonMemorizingTrainAccuracy`.
    ///
    /// Example: 50% of 4 classes' labels corrupt, test accuracy 0.8, training accuracy 0.6 →
    /// `E = 0.5·0.8 + 0.5·0.2/3 = 0.4333…`, adjusted overfit `0.1666…`.
    /// - Throws: `ProbeError.invalidArgument` for values outside [0, 1] or fewer than 2 classes.
    public static func measure(trainAccuracy: Double, testAccuracy: Double, corruptShare: Double, classes: Int) throws -> Double {
        guard trainAccuracy.isFinite, (0...1).contains(trainAccuracy) else {
            throw ProbeError.invalidArgument("training accuracy \(trainAccuracy) is not in [0, 1]")
        }
        return trainAccuracy - (try nonMemorizingTrainAccuracy(testAccuracy: testAccuracy, corruptShare: corruptShare, classes: classes))
    }
}
