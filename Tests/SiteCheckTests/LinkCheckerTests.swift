import Foundation
import XCTest
@testable import SiteCheck

final class LinkCheckerTests: XCTestCase {
    private var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("linkchecker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("chapters/figures"),
                                                withIntermediateDirectories: true)
        try write("index.html", """
        <html><body><h1 id="top-title">Book</h1>
        <a href="chapters/one.html">one</a> <a href="chapters/one.html#results">results</a>
        <a href="#top-title">self</a> <a href="#top">top always works</a> <a href="https://arxiv.org/abs/1611.03530">paper</a>
        <link rel="stylesheet" href="style.css"><link rel="canonical" href="https://example.org/book">
        <a href="mailto:teacher@example.org">mail</a> <img src="data:image/png;base64,AAAA">
        </body></html>
        """)
        try write("style.css", "body {}")
        try write("chapters/one.html", """
        <h2 id="results">Results</h2><a name="old-anchor"></a><h3 id="a b">spaced</h3>
        <img src="figures/plot.png" srcset="figures/plot.png 1x, figures/plot@2x.png 2x">
        <a href="../index.html#top-title">back</a> <a href="one.html#old-anchor">old</a>
        <a href="#a%20b">percent-encoded</a> <a href="../index.html?x=1">query</a>
        """)
        try write("chapters/figures/plot.png", "png bytes")
        try write("chapters/figures/plot@2x.png", "png bytes")
        try write("chapters/two.html", """
        <p>
        <a href="one.html#nowhere">dangling</a>
        <a href="three.html">missing page</a>
        <img src="figures/missing.png">
        <script src="http://cdn.example.com/katex.js"></script>
        <img src="//cdn.example.com/x.png">
        <a href="/Output/one.html">root-absolute</a>
        <a href="../../etc/passwd">outside</a>
        <a href="figures">directory</a>
        <a href="file:///home/me/Output/one.html">file url</a>
        <a href="#missing-here">dangling here</a>
        <a href="one.html#old-anchor">an a-name anchor resolves</a>
        """)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: root)
    }

    private func write(_ path: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent(path))
    }

    func testGoodPagesHaveNoFindings() throws {
        var checker = LinkChecker(root: root)
        let index = try checker.check(pagePath: "index.html")
        XCTAssertEqual(index.findings, [])
        XCTAssertEqual(index.checked, 5)   // chapters/one.html, …#results, #top-title, #top, style.css
        XCTAssertEqual(index.external, 2)  // the arXiv link and the canonical link: counted, not fetched
        let one = try checker.check(pagePath: "chapters/one.html")
        XCTAssertEqual(one.findings, [], "\(one.findings)")
        XCTAssertEqual(one.checked, 7)     // src, 2 srcset candidates, 4 links
    }

    func testEveryBrokenReferenceIsReportedWithItsLine() throws {
        var checker = LinkChecker(root: root)
        let two = try checker.check(pagePath: "chapters/two.html")
        let messages = two.findings.map(\.message)
        XCTAssertEqual(messages, [
            #"line 2: <a href="one.html#nowhere">: anchor #nowhere not found in chapters/one.html"#,
            #"line 3: <a href="three.html">: file chapters/three.html does not exist"#,
            #"line 4: <img src="figures/missing.png">: file chapters/figures/missing.png does not exist"#,
            #"line 5: <script src="http://cdn.example.com/katex.js">: loads http: from the network; the report must work offline"#,
            #"line 6: <img src="//cdn.example.com/x.png">: protocol-relative URL loads from the network (file://host when opened from disk)"#,
            #"line 7: <a href="/Output/one.html">: root-absolute path points at the file system root when the report is opened from disk"#,
            "line 8: <a href=\"../../etc/passwd\">: points outside the output directory (\(root.deletingLastPathComponent().standardizedFileURL.path)/etc/passwd)",
            #"line 9: <a href="figures">: chapters/figures is a directory; link to a file (file:// shows no index.html)"#,
            #"line 10: <a href="file:///home/me/Output/one.html">: absolute file: URL; breaks as soon as the output folder is moved"#,
            ##"line 11: <a href="#missing-here">: anchor #missing-here not found in chapters/two.html"##,
        ])
        XCTAssertTrue(two.findings.allSatisfy { $0.check == .link && $0.page == "chapters/two.html" })
    }

    func testSrcsetCandidatesAreChecked() throws {
        try write("chapters/one.html", #"<img srcset="figures/plot.png 1x, figures/gone.png 2x">"#)
        var checker = LinkChecker(root: root)
        let one = try checker.check(pagePath: "chapters/one.html")
        XCTAssertEqual(one.findings.map(\.message),
                       [#"line 1: <img srcset="figures/gone.png">: file chapters/figures/gone.png does not exist"#])
    }

    func testSiteCheckerListsPagesAndChecksLinksWithoutABrowser() throws {
        let report = try SiteChecker(outputDirectory: root).checkLinks()
        XCTAssertEqual(report.pages.map(\.page), ["chapters/one.html", "chapters/two.html", "index.html"])
        XCTAssertEqual(report.pages.map(\.passed), [true, false, true])
        XCTAssertEqual(report.failureCount, 10)
        XCTAssertFalse(report.passed)
        XCTAssertTrue(report.description.contains("FAIL chapters/two.html"), report.description)
        XCTAssertTrue(report.description.hasSuffix("check-site: 3 pages, 1 failing, 10 failures, 0 warnings — FAILED"),
                      report.description)
    }

    func testMissingOutputDirectoryAndEmptyDirectoryAreClearErrors() throws {
        let missing = root.appendingPathComponent("nope")
        XCTAssertThrowsError(try SiteChecker(outputDirectory: missing).run()) { error in
            XCTAssertEqual(error as? SiteCheckError, .outputDirectoryMissing(missing.path))
        }
        let empty = root.appendingPathComponent("chapters/figures")
        XCTAssertThrowsError(try SiteChecker(outputDirectory: empty).run()) { error in
            XCTAssertEqual(error as? SiteCheckError, .noPages(empty.path))
        }
    }

    func testMissingBrowserExecutableIsALaunchError() throws {
        let checker = SiteChecker(outputDirectory: root, browser: URL(fileURLWithPath: "/nonexistent/chromium"))
        XCTAssertThrowsError(try checker.run()) { error in
            guard case .browserLaunchFailed(let why)? = error as? SiteCheckError else {
                return XCTFail("expected browserLaunchFailed, got \(error)")
            }
            XCTAssertTrue(why.contains("/nonexistent/chromium"), why)
        }
    }
}
