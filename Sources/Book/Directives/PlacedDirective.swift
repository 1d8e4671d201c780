/// One directive where it stands in a chapter: its identity, what it says, and its YAML body.
struct PlacedDirective: Sendable {
    let id: DirectiveID
    /// The parsed directive; the index replaces it by `.failed` when its references are broken.
    var directive: Directive
    /// The YAML between the fences, as written.
    let body: String

    /// Whether this is an experiment that extends another (it is parsed once every body is known).
    var usesExtends: Bool {
        switch directive {
        case .experiment, .failed(kind: "experiment", _):
            // Most bodies never mention the key: they are not parsed a second time.
            return body.contains("extends") && (try? YAMLNode.parse(body))?["extends"] != nil
        default: return false
        }
    }
}
