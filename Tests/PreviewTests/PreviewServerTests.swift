import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest
@testable import Book
@testable import Preview
@testable import SiteCheck

/// `memgen-book serve` against a real HTTP client (URLSession) and a real browser (headless
/// Chromium over the DevTools pipe): edit a chapter, see the page change.
final class PreviewServerTests: XCTestCase {
    var root: URL!
    var server: PreviewServer!
    var base: URL!

    private func chapter(_ words: String, broken: Bool = false) -> String {
        "# Preview\n\n\(words)\n" + (broken ? "\n```figure\nfrom: nowhere\nx: epoch\ny: train-loss\n```\n" : "")
    }

    override func setUp() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Chapters"), withIntermediateDirectories: true)
        try write("01-a.md", chapter("First words."))
        try write("02-b.md", "# Other\n\nUnchanged words.\n")
        let options = BuildOptions(chaptersDirectory: root.appendingPathComponent("Chapters"), outputDirectory: root.appendingPathComponent("Output"),
                                   cacheDirectory: root.appendingPathComponent("cache"), capture: { _, _ in })
        server = try PreviewServer(options: options, port: 0, say: { _ in })
        base = try await server.start()
    }

    override func tearDown() async throws {
        await server?.stop()
        if let root { try? FileManager.default.removeItem(at: root) }
    }

    private func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: root.appendingPathComponent("Chapters").appendingPathComponent(name))
    }

    /// GET `path`: status and body (a real HTTP request over loopback).
    private func get(_ path: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: path, relativeTo: base)!)
        request.cachePolicy = .reloadIgnoringLocalCacheData
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    private func status() async throws -> (version: Int, errors: [String]) {
        let (_, body) = try await get("/__memgen/status")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        return (json["version"] as? Int ?? -1, json["errors"] as? [String] ?? [])
    }

    /// Waits up to `seconds` for the build count to reach `version`.
    private func waitForBuild(_ version: Int, seconds: Double = 30) async throws {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if try await status().version >= version { return }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("build \(version) did not finish within \(seconds) s")
    }

    func testPagesAreServedWithTheReloadScriptAndRebuiltOnSave() async throws {
        let (code, home) = try await get("/")
        XCTAssertEqual(code, 200)
        XCTAssertTrue(home.contains("<script src=\"/__memgen/reload.js\" data-build=\"1\"></script>\n</body>"), home)
        let (_, page) = try await get("/01-a.html")
        XCTAssertTrue(page.contains("First words."))
        let (scriptCode, script) = try await get("/__memgen/reload.js")
        XCTAssertEqual(scriptCode, 200)
        XCTAssertTrue(script.contains("location.reload()"))
        let missing = try await get("/missing.html").0
        XCTAssertEqual(missing, 404)
        let outside = try await get("/%2E%2E/%2E%2E/etc/passwd").0
        XCTAssertEqual(outside, 404, "nothing outside the output folder")
        let other = try String(contentsOf: root.appendingPathComponent("Output/02-b.html"), encoding: .utf8)

        try write("01-a.md", chapter("Second words."))
        try await waitForBuild(2)
        let (_, changed) = try await get("/01-a.html")
        XCTAssertTrue(changed.contains("Second words."), changed)
        XCTAssertEqual(try String(contentsOf: root.appendingPathComponent("Output/02-b.html"), encoding: .utf8), other,
                       "only the saved chapter is rebuilt")

        // A broken directive: the build fails, the errors are reported, the server stays up.
        try write("01-a.md", chapter("Third words.", broken: true))
        try await waitForBuild(3)
        let (_, errors) = try await status()
        XCTAssertTrue(errors.contains { $0.contains("01-a.md") && $0.contains("nowhere") }, "\(errors)")
        let afterFailure = try await get("/01-a.html").0
        XCTAssertEqual(afterFailure, 200, "the server keeps serving after a failed build")
        try write("01-a.md", chapter("Fourth words."))
        try await waitForBuild(4)
        let fixed = try await status().errors
        XCTAssertEqual(fixed, [])
    }

    func testTheOpenPageReloadsItselfInABrowser() async throws {
        guard let chromium = SiteChecker.locateBrowser() else {
            throw XCTSkip("Chromium is not installed (make browser); the live-reload check in a browser is not run")
        }
        let profile = root.appendingPathComponent("profile")
        let browser = try BrowserProcess(executable: chromium.path, arguments: [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--user-data-dir=\(profile.path)",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "about:blank",
        ], stderrPath: root.appendingPathComponent("chromium.log").path)
        defer { browser.terminate() }
        let devtools = browser.connection
        _ = try devtools.call("Browser.getVersion", timeout: 30)
        let target = try devtools.call("Target.createTarget", ["url": URL(string: "/01-a.html", relativeTo: base)!.absoluteString])
        let targetID = try XCTUnwrap(target["targetId"] as? String)
        let attached = try devtools.call("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        let session = try XCTUnwrap(attached["sessionId"] as? String)

        /// The page's visible text, polled until it contains `text` (or `seconds` pass).
        func pageText(containing text: String, seconds: Double = 30) throws -> String {
            let end = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < end {
                let result = try? devtools.call("Runtime.evaluate", ["expression": "document.body ? document.body.innerText : ''",
                                                                     "returnByValue": true], session: session)
                last = ((result?["result"] as? [String: Any])?["value"] as? String) ?? last
                if last.contains(text) { return last }
                usleep(200_000)
            }
            return last
        }
        XCTAssertTrue(try pageText(containing: "First words.").contains("First words."))
        try write("01-a.md", chapter("Words typed in the editor."))
        XCTAssertTrue(try pageText(containing: "Words typed in the editor.").contains("Words typed in the editor."),
                      "the open page did not reload after the save")
        try write("01-a.md", chapter("Broken now.", broken: true))
        let withBanner = try pageText(containing: "The last build had")
        XCTAssertTrue(withBanner.contains("The last build had 1 error(s)") && withBanner.contains("nowhere"), withBanner)
    }
}
