/// The card shown in place of a directive that could not be built.
enum ErrorCard {
    /// `This figure could not be built.` and the message.
    static func html(kind: String, message: String) -> String {
        "<div class=\"error-card\" role=\"alert\"><strong>This \(kind.htmlEscaped) could not be built.</strong><pre>\(message.htmlEscaped)</pre></div>\n"
    }
}
