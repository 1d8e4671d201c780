/// A problem inside one YAML body, before it is placed in the chapter (see ``Diagnostic``).
struct SpecIssue: Error, Sendable, Equatable {
    var mark: YAMLMark
    var message: String
}
