/// The order in which an epoch visits the training examples, cut into batches of `batchSize`.
public enum BatchOrder: String, Codable, Hashable, Sendable {
    /// One order kept over the run and shuffled in place at each epoch's start (the `train` kind's).
    case reshuffled
    /// A new random permutation of `0..<n` at each epoch's start (Fisher–Yates from the identity).
    case freshPermutation
    /// `0..<n` in order every epoch, no random draw (full-batch gradient descent).
    case inOrder
}
