/// Bad input to the training core: a shape, size, label or setting that cannot work.
public struct TrainingCoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// What was wrong, and what was expected.
    public let message: String

    /// An error with a message that says what was expected.
    public init(_ message: String) { self.message = message }

    public var description: String { "TrainingCore: \(message)" }
}
