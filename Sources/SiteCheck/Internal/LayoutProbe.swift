import Foundation

/// What `PageProbe.layoutScript` reports on the phone viewport: is the page wider than the screen?
struct LayoutProbe: Decodable {
    /// The viewport's layout width in CSS pixels.
    let width: Int
    /// The document's scroll width in CSS pixels.
    let scrollWidth: Int
    /// Up to five outermost elements sticking out on the right.
    let offenders: [String]

    /// A warning when the page scrolls sideways on a phone.
    func findings(page: String, viewport: Viewport) -> [SiteCheckFinding] {
        guard scrollWidth > width + 1 else { return [] }
        let culprits = offenders.isEmpty ? "" : "; sticking out: " + offenders.joined(separator: ", ")
        return [SiteCheckFinding(page: page, check: .layout, severity: .warning,
                                 message: "on the \(viewport.name) viewport the page is \(scrollWidth) px wide "
                                     + "for a \(width) px screen\(culprits)")]
    }
}
