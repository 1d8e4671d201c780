/// A search asset that cannot be written.
public struct SearchIndexError: Error, CustomStringConvertible, Sendable {
    /// What is wrong and how to fix it.
    public var description: String
    init(_ description: String) { self.description = description }
}
