/// An error of the build itself (not tied to a chapter line).
public struct BookError: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public var description: String
    /// An error with a message.
    public init(_ description: String) { self.description = description }
}
