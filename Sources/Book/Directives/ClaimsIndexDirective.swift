/// A validated `claims` directive: a table of every claim of the book with its verdict (claims are
/// judged before any page is drawn, so the table may stand before the claims it lists).
///
/// ```claims
/// caption: Every claim of the course and what this build measured.
/// label: verdicts
/// ```
struct ClaimsIndexDirective: Sendable {
    static let keys = ["scope", "caption", "label"]

    var label: Marked<String>?
    var caption: String
    var location: DirectiveLocation

    static func parse(_ node: YAMLNode, location: DirectiveLocation) throws(SpecIssue) -> ClaimsIndexDirective {
        try DirectiveFields.checkKeys(node, allowed: keys, directive: "claims")
        // Only the whole book for now; the key exists so that a chapter-scoped index can come later.
        _ = try DirectiveFields.choice(node, "scope", ["book"], default: "book")
        return ClaimsIndexDirective(label: try DirectiveFields.label(node),
                                    caption: try DirectiveFields.text(node, "caption")?.value ?? "",
                                    location: location)
    }
}
