/// A .bib file that cannot be used, or a citation of a key it does not define.
public struct BibliographyError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The .bib file (or the chapter, for an unknown key).
    public var file: String
    /// The line, 1-based; 0 when the whole file is concerned.
    public var line: Int
    /// What is wrong and what would be valid.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, message: String) {
        self.file = file; self.line = line; self.message = message
    }

    /// `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
