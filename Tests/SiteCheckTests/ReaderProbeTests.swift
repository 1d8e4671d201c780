import Foundation
import XCTest
@testable import SiteCheck

/// The search, citation and theme findings, from probe results written by hand.
final class ReaderProbeTests: XCTestCase {
    func testSearchResultsMustIncludeThePageAndResolve() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-reader-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "<h2 id=\"kendall-s-τ\">τ</h2>".write(to: dir.appendingPathComponent("a.html"), atomically: true, encoding: .utf8)
        let here = dir.appendingPathComponent("b.html").absoluteString
        let probe = ReaderProbe(searchScript: true, searchBox: true,
                                search: .init(query: "Fitting random labels", results: [
                                    dir.appendingPathComponent("a.html").absoluteString + "#kendall-s-%CF%84",
                                    dir.appendingPathComponent("a.html").absoluteString + "#missing",
                                    dir.appendingPathComponent("gone.html").absoluteString]),
                                citations: [], rawCitations: [], location: here)
        let messages = probe.findings(page: "b.html", outputDirectory: dir).map(\.message)
        XCTAssertEqual(messages, [
            "searching for “Fitting random labels” (this page's title) lists 3 results, none on this page",
            "search result for “Fitting random labels”: a.html has no element with id \"missing\"",
            "search result for “Fitting random labels”: gone.html does not exist",
        ])
    }

    func testUnrenderedCitationsAndMissingBoxAreFindings() {
        let probe = ReaderProbe(searchScript: true, searchBox: false, search: nil,
                                citations: [.init(text: "Zhang et al. 2017", href: "#ref-zhang2017"), .init(text: "@zang", href: "#ref-zang")],
                                rawCitations: ["[@arpit2017"], location: "file:///x.html")
        let findings = probe.findings(page: "x.html", outputDirectory: URL(fileURLWithPath: "/"))
        XCTAssertEqual(findings.map(\.check), [.search, .citation, .citation])
        XCTAssertTrue(findings[1].message.contains("[@arpit2017"))
        XCTAssertTrue(findings[2].message.contains("@zang"))
    }

    func testDarkSchemeNeedsADarkPageAndDarkFigures() {
        let light = ThemeProbe(dark: true, offersDark: true, backgroundLuminance: 1, pictures: [.init(darkSource: "figures/a-dark.png", currentSource: "file:///o/figures/a.png")])
        XCTAssertEqual(light.findings(page: "p", viewport: .desktopDark).count, 2)
        let good = ThemeProbe(dark: true, offersDark: true, backgroundLuminance: 0.02, pictures: [.init(darkSource: "figures/a-dark.png", currentSource: "file:///o/figures/a-dark.png")])
        XCTAssertEqual(good.findings(page: "p", viewport: .desktopDark), [])
        let lightPage = ThemeProbe(dark: false, offersDark: true, backgroundLuminance: 1, pictures: [.init(darkSource: "figures/a-dark.png", currentSource: "file:///o/figures/a.png")])
        XCTAssertEqual(lightPage.findings(page: "p", viewport: .desktop), [])
        let noClaim = ThemeProbe(dark: true, offersDark: false, backgroundLuminance: 1, pictures: [])
        XCTAssertEqual(noClaim.findings(page: "p", viewport: .phoneDark), [], "a page without dark support is not held to it")
    }
}
