/// One problem found on one page of the report (or, for `page == nil`, in the browser run as a whole).
public struct SiteCheckFinding: Sendable, Equatable, CustomStringConvertible {
    /// Which check found the problem.
    public enum Check: String, Sendable, CaseIterable {
        /// A link or resource reference in the HTML that does not resolve (missing file, missing `#anchor`).
        case link
        /// A JavaScript exception, a `console.error`, or an error logged by the browser.
        case console
        /// A request for a local file that failed (missing file, unreadable, HTTP-style error status).
        case request
        /// A request for anything that is not `file:` or `data:` (blocked before it was sent).
        case network
        /// An `<img>` that did not load or did not decode (`naturalWidth == 0`).
        case image
        /// A formula KaTeX did not render: raw `$…$`, `$$…$$`, `\(…\)`, `\[…\]` in visible text, or `.katex-error`.
        case math
        /// The page did not load, or the probe script could not run.
        case load
        /// A screenshot could not be taken or written.
        case screenshot
        /// Layout problems on the phone viewport (content wider than the screen).
        case layout
        /// The search box: no box where its script is loaded, no results for a word of the page's own
        /// title, or a result that links to a missing page or anchor.
        case search
        /// Citations: `[@key]` left unrendered in visible text, or a citation link with no reference.
        case citation
        /// The dark colour scheme: a page that stays light, or a figure showing the wrong variant.
        case theme
    }

    /// How much the finding matters.
    public enum Severity: String, Sendable {
        /// The check fails: `make check-site` exits non-zero.
        case failure
        /// Worth a look, but the check still passes.
        case warning
    }

    /// Page path relative to the output directory, or `nil` for findings about the whole run.
    public let page: String?
    /// The check that found it.
    public let check: Check
    /// Failure or warning.
    public let severity: Severity
    /// Human-readable message naming the failing element (tag, attribute, URL, line).
    public let message: String

    /// Creates a finding.
    public init(page: String?, check: Check, severity: Severity = .failure, message: String) {
        self.page = page
        self.check = check
        self.severity = severity
        self.message = message
    }

    /// `[check] message`, prefixed with `warning:` for warnings.
    public var description: String {
        (severity == .warning ? "warning: " : "") + "[\(check.rawValue)] \(message)"
    }
}
