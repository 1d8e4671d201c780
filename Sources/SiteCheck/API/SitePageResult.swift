/// What the checker saw on one page.
public struct SitePageResult: Sendable {
    /// Path relative to the output directory, e.g. `chapters/01-random-labels.html`.
    public let page: String
    /// Everything found wrong (failures and warnings), in the order found.
    public var findings: [SiteCheckFinding] = []
    /// Screenshot files written for this page.
    public var screenshots: [String] = []
    /// Rendered KaTeX formulas counted in the page (`.katex` elements outside display wrappers).
    public var formulas = 0
    /// `<img>` elements on the page.
    public var images = 0
    /// Internal links, anchors and resource references checked (see `LinkChecker`).
    public var links = 0
    /// Requests the page made (all `file:`/`data:` unless a `.network` finding says otherwise).
    public var requests = 0

    /// Creates an empty result for a page.
    public init(page: String) {
        self.page = page
    }

    /// `true` when no finding on this page is a failure.
    public var passed: Bool {
        !findings.contains { $0.severity == .failure }
    }
}
