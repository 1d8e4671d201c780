/// The outcome of checking a built report in a real browser; `description` is the printable report.
public struct SiteCheckReport: Sendable, CustomStringConvertible {
    /// One entry per `*.html` page, sorted by path.
    public var pages: [SitePageResult]
    /// Findings about the run as a whole (from Chromium's own network log), not tied to one page.
    public var siteFindings: [SiteCheckFinding]
    /// Facts about the run worth printing (browser version, blocked background requests).
    public var notes: [String]
    /// The directory the screenshots were written to, if any.
    public var screenshotDirectory: String?

    /// Creates a report.
    public init(pages: [SitePageResult], siteFindings: [SiteCheckFinding] = [], notes: [String] = [],
                screenshotDirectory: String? = nil) {
        self.pages = pages
        self.siteFindings = siteFindings
        self.notes = notes
        self.screenshotDirectory = screenshotDirectory
    }

    /// Every finding, site-wide ones last.
    public var allFindings: [SiteCheckFinding] {
        pages.flatMap(\.findings) + siteFindings
    }

    /// Number of findings with severity `.failure`.
    public var failureCount: Int {
        allFindings.filter { $0.severity == .failure }.count
    }

    /// Number of findings with severity `.warning`.
    public var warningCount: Int {
        allFindings.filter { $0.severity == .warning }.count
    }

    /// `true` when nothing failed (warnings allowed).
    public var passed: Bool { failureCount == 0 }

    /// A plain-text report: one block per page, failures first within each page, then a summary line.
    public var description: String {
        var lines: [String] = []
        for page in pages {
            let counts = "\(page.formulas) formulas, \(page.images) images, \(page.links) links, "
                + "\(page.requests) requests"
            lines.append("\(page.passed ? "ok  " : "FAIL") \(page.page) (\(counts))")
            let ordered = page.findings.filter { $0.severity == .failure }
                + page.findings.filter { $0.severity == .warning }
            for finding in ordered {
                lines.append("       \(finding)")
            }
        }
        for finding in siteFindings {
            lines.append("FAIL (browser run) \(finding)")
        }
        for note in notes {
            lines.append("note: \(note)")
        }
        if let screenshotDirectory {
            let count = pages.reduce(0) { $0 + $1.screenshots.count }
            lines.append("screenshots: \(count) PNG files in \(screenshotDirectory)")
        }
        let failedPages = pages.filter { !$0.passed }.count
        lines.append("check-site: \(pages.count) pages, \(failedPages) failing, "
            + "\(failureCount) failures, \(warningCount) warnings — \(passed ? "PASSED" : "FAILED")")
        return lines.joined(separator: "\n")
    }
}
