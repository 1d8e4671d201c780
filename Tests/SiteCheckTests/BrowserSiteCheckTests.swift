import Foundation
import XCTest
@testable import SiteCheck

/// End-to-end: a small report with one good page and one bad page per problem, checked in real headless
/// Chromium. Skipped (with the reason) where Chromium or Debian's KaTeX is not installed.
final class BrowserSiteCheckTests: XCTestCase {
    private var root: URL!
    private var browser: URL!
    private static let katexDirectory = "/usr/share/javascript/katex"

    /// A valid 1×1 PNG.
    private static let pixelPNG = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    override func setUpWithError() throws {
        guard let found = SiteChecker.locateBrowser() else {
            throw XCTSkip("Chromium is not installed (apt-get install chromium); the browser checks are not run")
        }
        guard FileManager.default.fileExists(atPath: Self.katexDirectory + "/katex.min.js") else {
            throw XCTSkip("Debian libjs-katex is not installed; the KaTeX fixture cannot be built")
        }
        browser = found
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sitecheck-\(UUID().uuidString)")
        let output = root.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output.appendingPathComponent("figures"),
                                                withIntermediateDirectories: true)
        try copyDereferencing(URL(fileURLWithPath: Self.katexDirectory), to: output.appendingPathComponent("katex"))
        try Self.pixelPNG.write(to: output.appendingPathComponent("figures/pixel.png"))
        try Data("not a png at all".utf8).write(to: output.appendingPathComponent("figures/corrupt.png"))
    }

    override func tearDownWithError() throws {
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    /// Copies a folder, following symbolic links (Debian's KaTeX `fonts` is a link into fonts-katex).
    private func copyDereferencing(_ source: URL, to destination: URL) throws {
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path) {
            let from = source.appendingPathComponent(name).resolvingSymlinksInPath()
            let to = destination.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: from.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                try copyDereferencing(from, to: to)
            } else {
                try FileManager.default.copyItem(at: from, to: to)
            }
        }
    }

    private func page(_ name: String, math: Bool = false, renderOptions: String = "", _ body: String) throws {
        let katex = math ? """
            <link rel="stylesheet" href="katex/katex.min.css">
            <script src="katex/katex.min.js"></script><script src="katex/contrib/auto-render.js"></script>
            """ : ""
        let render = math ? """
            <script>renderMathInElement(document.body, {delimiters: [
              {left: "$$", right: "$$", display: true}, {left: "$", right: "$", display: false}]\(renderOptions)});</script>
            """ : ""
        let html = """
        <!doctype html><html><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1"><title>\(name)</title>\(katex)</head>
        <body>\(body)\(render)</body></html>
        """
        try Data(html.utf8).write(to: root.appendingPathComponent("Output/\(name)"))
    }

    private func failures(_ result: SitePageResult) -> Set<SiteCheckFinding.Check> {
        Set(result.findings.filter { $0.severity == .failure }.map(\.check))
    }

    func testEachBadPageIsReportedForItsProblemAndTheGoodPagePasses() throws {
        try page("good.html", math: true, """
            <h1 id="intro">Memorization</h1>
            <p>Inline $\\|w\\|_2^2$ and display $$\\mathcal{L}(\\theta) = \\frac{1}{n}\\sum_{i=1}^n \\ell_i$$</p>
            <pre><code>echo $HOME $notmath$</code></pre>
            <img src="figures/pixel.png" alt="one pixel" width="40" height="40">
            <a href="dangling-anchor.html#target">next</a> <a href="#intro">top</a>
            """)
        try page("broken-image.html", "<p>plot:</p><img src=\"figures/missing.png\" alt=\"missing\">")
        try page("corrupt-image.html", "<img src=\"figures/corrupt.png\" alt=\"corrupt\">")
        try page("dangling-anchor.html", "<h2 id=\"target\">T</h2><a href=\"good.html#nowhere\">dangling</a>")
        try page("external.html", "<img src=\"http://example.com/x.png\" alt=\"remote\">")
        try page("js-error.html", "<p>script</p><script>noSuchFunction();</script>")
        try page("raw-math.html", "<p>The loss is $x^2$ and nothing rendered it.</p>")
        try page("katex-error.html", math: true, renderOptions: ", throwOnError: false",
                 "<p>Broken $\\frac{1}$ formula.</p>")
        try page("wide.html", "<p>wide</p><img src=\"figures/pixel.png\" alt=\"wide\" style=\"width: 1000px\">")
        try page("unbalanced.html", math: true, "<p>Unbalanced $\\frac{1}{$ is left alone by auto-render.</p>")

        let shots = root.appendingPathComponent("shots")
        let report = try SiteChecker(outputDirectory: root.appendingPathComponent("Output"),
                                     screenshotDirectory: shots, browser: browser).run()
        print(report)
        let byPage = Dictionary(uniqueKeysWithValues: report.pages.map { ($0.page, $0) })
        XCTAssertEqual(report.pages.count, 10, "\(report)")

        let good = try XCTUnwrap(byPage["good.html"])
        XCTAssertEqual(good.findings, [], "\(report)")
        XCTAssertEqual(good.formulas, 2)
        XCTAssertEqual(good.images, 1)

        XCTAssertEqual(failures(byPage["broken-image.html"]!), [.link, .request, .image], "\(report)")
        XCTAssertEqual(failures(byPage["corrupt-image.html"]!), [.image], "\(report)")
        XCTAssertEqual(failures(byPage["dangling-anchor.html"]!), [.link], "\(report)")
        XCTAssertEqual(failures(byPage["external.html"]!), [.link, .network, .image], "\(report)")
        XCTAssertEqual(failures(byPage["js-error.html"]!), [.console], "\(report)")
        XCTAssertEqual(failures(byPage["raw-math.html"]!), [.math], "\(report)")
        XCTAssertEqual(failures(byPage["katex-error.html"]!), [.math], "\(report)")
        XCTAssertEqual(failures(byPage["unbalanced.html"]!), [.math], "\(report)")

        // 1000 px image + the default 8 px body margin = 1008 px.
        let wide = try XCTUnwrap(byPage["wide.html"])
        XCTAssertTrue(wide.passed, "\(report)")
        XCTAssertEqual(wide.findings.map(\.check), [.layout, .layout], "phone and phone-dark: \(report)")
        XCTAssertTrue(wide.findings[0].message.contains("1008 px wide for a 390 px screen"), "\(report)")
        XCTAssertTrue(wide.findings[0].message.contains("img (right edge at 1008 px)"), "\(report)")

        func messages(_ page: String, _ check: SiteCheckFinding.Check) -> String {
            byPage[page]!.findings.filter { $0.check == check }.map(\.message).joined(separator: "\n")
        }
        XCTAssertTrue(messages("external.html", .network).contains("http://example.com/x.png (blocked, not sent)"))
        XCTAssertTrue(messages("js-error.html", .console).contains("ReferenceError: noSuchFunction is not defined"))
        XCTAssertTrue(messages("raw-math.html", .math).contains("“$x^2$”"))
        XCTAssertTrue(messages("katex-error.html", .math).contains("KaTeX error in “\\frac{1}”"),
                      messages("katex-error.html", .math))
        XCTAssertTrue(messages("unbalanced.html", .math).contains("“$\\frac{1}{$”"))
        XCTAssertTrue(messages("dangling-anchor.html", .link).contains("anchor #nowhere not found in good.html"))
        XCTAssertTrue(messages("corrupt-image.html", .image).contains("figures/corrupt.png"))

        // Chromium's own net log: nothing connected to anything off the machine.
        XCTAssertEqual(report.siteFindings, [], "\(report)")
        // The blocked request never reached the network stack (Chromium's net log starts no job for it).
        XCTAssertFalse(report.notes.joined().contains("example.com"), "\(report.notes)")
        XCTAssertFalse(report.passed)

        // Screenshots: four per page (desktop, phone, light and dark), real PNGs of the viewport widths in device pixels.
        for result in report.pages {
            XCTAssertEqual(result.screenshots.count, 4, result.page)
        }
        let desktop = try pngSize(shots.appendingPathComponent("good--desktop.png"))
        let phone = try pngSize(shots.appendingPathComponent("good--phone.png"))
        XCTAssertEqual(desktop.width, 1280)
        XCTAssertGreaterThanOrEqual(desktop.height, 900)
        XCTAssertEqual(phone.width, 780)  // 390 CSS px at device scale 2
        XCTAssertGreaterThanOrEqual(phone.height, 1688)
    }

    func testAHangingPageIsReportedAndTheNextPageIsStillChecked() throws {
        try page("a-hang.html", "<p>before</p><script>for (;;) {}</script>")
        try page("b-fine.html", "<p>fine</p>")
        var checker = SiteChecker(outputDirectory: root.appendingPathComponent("Output"), browser: browser)
        checker.pageTimeout = 6  // generous for a loaded 2-core machine; the hang costs about 3 × this
        let report = try checker.run()
        print(report)
        XCTAssertEqual(report.pages.map(\.page), ["a-hang.html", "b-fine.html"])
        XCTAssertEqual(failures(report.pages[0]), [.load], "\(report)")
        XCTAssertTrue(report.pages[0].findings.contains { $0.message.contains("no load event within 6 s") }, "\(report)")
        XCTAssertTrue(report.pages[0].findings.contains { $0.message.contains("stopped answering") }, "\(report)")
        XCTAssertEqual(report.pages[1].findings, [], "\(report)")
    }

    /// Width and height from a PNG's IHDR chunk.
    private func pngSize(_ url: URL) throws -> (width: Int, height: Int) {
        let data = try Data(contentsOf: url)
        XCTAssertEqual(Array(data.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], url.path)
        let bytes = Array(data[16..<24])
        let width = bytes[0..<4].reduce(0) { $0 << 8 | Int($1) }
        let height = bytes[4..<8].reduce(0) { $0 << 8 | Int($1) }
        return (width, height)
    }
}
