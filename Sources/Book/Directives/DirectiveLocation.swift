/// Where a directive's fence sits in its chapter; turns YAML marks into chapter diagnostics.
struct DirectiveLocation: Sendable, Equatable {
    var file: String
    /// The line of the opening fence (the YAML body starts on the next line).
    var line: Int
    var column: Int

    /// A diagnostic for a problem at `mark` inside the body.
    func diagnostic(_ issue: SpecIssue) -> Diagnostic {
        Diagnostic(file: file, line: line + issue.mark.line, column: column - 1 + issue.mark.column, message: issue.message)
    }

    /// A diagnostic at the fence itself.
    func diagnostic(_ message: String) -> Diagnostic {
        Diagnostic(file: file, line: line, column: column, message: message)
    }
}
