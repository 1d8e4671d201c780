import Foundation

/// What `PageProbe.layoutScript` reports on the phone viewport: is the page wider than the screen,
/// and does the text start on the first screen (the contents collapsed above it)?
struct LayoutProbe: Decodable {
    /// The viewport's layout width in CSS pixels.
    let width: Int
    /// The document's scroll width in CSS pixels.
    let scrollWidth: Int
    /// Up to five outermost elements sticking out on the right.
    let offenders: [String]
    /// The top of the page's first heading, from the top of the document, in CSS pixels.
    let textTop: Int
    /// The viewport's height in CSS pixels.
    let screenHeight: Int

    /// A warning when the page scrolls sideways on a phone; a failure when its text starts below
    /// the first screen (the contents list was left open above it).
    func findings(page: String, viewport: Viewport) -> [SiteCheckFinding] {
        var findings: [SiteCheckFinding] = []
        if scrollWidth > width + 1 {
            let culprits = offenders.isEmpty ? "" : "; sticking out: " + offenders.joined(separator: ", ")
            findings.append(SiteCheckFinding(page: page, check: .layout, severity: .warning,
                                             message: "on the \(viewport.name) viewport the page is \(scrollWidth) px wide "
                                                 + "for a \(width) px screen\(culprits)"))
        }
        if screenHeight > 0 && textTop >= screenHeight {
            findings.append(SiteCheckFinding(page: page, check: .layout,
                                             message: "on the \(viewport.name) viewport the text starts \(textTop) px down, "
                                                 + "below the first screen (\(screenHeight) px): collapse what stands above it"))
        }
        return findings
    }
}
