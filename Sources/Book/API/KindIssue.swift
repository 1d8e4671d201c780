/// A cross-parameter problem found by ``ExperimentKind/check(_:)``.
public struct KindIssue: Error, Sendable {
    /// The dotted path of the parameter to blame (its mark is used for file:line:column).
    public var path: String
    /// What is wrong and what is valid.
    public var message: String

    /// A problem with the value at `path`.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
