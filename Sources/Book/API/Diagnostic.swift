/// An error in a chapter, pointing at its file, line and column.
///
/// Printed as `Chapters/02-x.md:14:5: key 'lr': expected a number, got 'fast'`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// The chapter file as given to the build (for example `Chapters/02-x.md`).
    public var file: String
    /// 1-based line in the chapter file.
    public var line: Int
    /// 1-based column in the chapter file.
    public var column: Int
    /// What is wrong, what is valid, and a suggestion when one is close.
    public var message: String

    /// A diagnostic at `file:line:column`.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }
}
