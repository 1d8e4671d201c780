import XCTest
@testable import SiteCheck

final class PageProbeTests: XCTestCase {
    func testProbeResultBecomesImageMathAndViewportFindings() throws {
        let json = #"""
        {"images":[{"src":"figures/a.png","url":"file:///o/figures/a.png","complete":true,"naturalWidth":640},
                   {"src":"figures/b.png","url":"file:///o/figures/b.png","complete":true,"naturalWidth":0}],
         "katexErrors":[{"text":"\\frac{1}","title":"ParseError: Unexpected end of input"}],
         "formulas":3,
         "textBlocks":[{"location":"p#intro","text":"fit $n$ labels with\n$p \\approx n$ weights, $5 and $10"}],
         "hasViewportMeta":false}
        """#
        let probe = try PageProbe.decode(json)
        XCTAssertEqual(probe.formulas, 3)
        let findings = probe.findings(page: "ch.html")
        XCTAssertEqual(findings.map(\.description), [
            #"[image] <img src="figures/b.png"> did not load or decode (naturalWidth 0): file:///o/figures/b.png"#,
            #"[math] KaTeX error in “\frac{1}”: ParseError: Unexpected end of input"#,
            "[math] raw TeX left unrendered in <p#intro>: “$n$”",
            #"[math] raw TeX left unrendered in <p#intro>: “$p \approx n$”"#,
            #"warning: [layout] no <meta name="viewport">: phones show the page zoomed out"#,
        ])
    }

    func testUnreadableProbeOutputIsAClearError() {
        XCTAssertThrowsError(try PageProbe.decode("{\"images\": 3}")) { error in
            XCTAssertTrue("\(error)".contains("page probe returned unreadable data"), "\(error)")
        }
    }

    func testLayoutWarningOnlyWhenThePageScrollsSideways() {
        let fits = LayoutProbe(width: 390, scrollWidth: 391, offenders: [], textTop: 200, screenHeight: 844)
        XCTAssertEqual(fits.findings(page: "a.html", viewport: .phone), [])
        let wide = LayoutProbe(width: 390, scrollWidth: 700, offenders: ["table (right edge at 700 px)"], textTop: 200, screenHeight: 844)
        XCTAssertEqual(wide.findings(page: "a.html", viewport: .phone).map(\.description), [
            "warning: [layout] on the phone viewport the page is 700 px wide for a 390 px screen; "
                + "sticking out: table (right edge at 700 px)",
        ])
    }

    func testTextBelowTheFirstPhoneScreenFails() {
        let buried = LayoutProbe(width: 390, scrollWidth: 390, offenders: [], textTop: 900, screenHeight: 844)
        XCTAssertEqual(buried.findings(page: "a.html", viewport: .phone).map(\.description), [
            "[layout] on the phone viewport the text starts 900 px down, below the first screen (844 px): collapse what stands above it",
        ])
        XCTAssertEqual(LayoutProbe(width: 390, scrollWidth: 390, offenders: [], textTop: 843, screenHeight: 844)
            .findings(page: "a.html", viewport: .phone), [])
    }

    func testScreenshotNamesFlattenFolders() {
        XCTAssertEqual(PageVisit.screenshotName("chapters/02-random-labels.html", .phone),
                       "chapters--02-random-labels--phone.png")
        XCTAssertEqual(PageVisit.screenshotName("index.html", .desktop), "index--desktop.png")
    }
}
