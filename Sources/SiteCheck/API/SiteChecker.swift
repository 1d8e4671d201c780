import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Checks a built report the way a student sees it: every `*.html` page under the output directory is
/// opened from disk (`file://`) in headless Chromium, offline.
///
/// Checks per page:
/// - **links** (no browser needed): every internal link, `#anchor` and resource reference resolves to a file
///   inside the output directory (see `LinkChecker`);
/// - **console**: no JavaScript exception, no `console.error`, no browser error log entry;
/// - **request**: no failed request for a local file;
/// - **network**: no request for anything but `file:`/`data:` — such requests are blocked before they are
///   sent (DevTools `Fetch` interception, plus `--host-resolver-rules=MAP * ~NOTFOUND` for the browser's
///   own background traffic), reported, and cross-checked against Chromium's net log;
/// - **image**: every `<img>` loads and decodes (`naturalWidth > 0`);
/// - **math**: no `.katex-error`, and no raw `$…$`, `$$…$$`, `\(…\)`, `\[…\]` left in visible text
///   outside `<code>`/`<pre>`;
/// - **screenshots**: a full-page PNG per viewport (desktop 1280×900, phone 390×844 at scale 2), written
///   as `<page>--desktop.png` and `<page>--phone.png`; the phone view also warns when the page scrolls
///   sideways.
///
/// ```swift
/// let report = try SiteChecker(outputDirectory: URL(fileURLWithPath: "Output"),
///                              screenshotDirectory: URL(fileURLWithPath: ".build/check-site")).run()
/// print(report)
/// exit(report.passed ? 0 : 1)
/// ```
public struct SiteChecker: Sendable {
    /// The built report (the folder with the `*.html` pages).
    public let outputDirectory: URL
    /// Where page screenshots are written, or `nil` to take none.
    public let screenshotDirectory: URL?
    /// The Chromium executable, or `nil` to search `SITECHECK_BROWSER` and `PATH` (`SiteChecker.locateBrowser`).
    public let browser: URL?
    /// Longest wait for one page's load event (and for each probe), in seconds.
    public var pageTimeout: TimeInterval = 30
    /// Viewports for the screenshots; the first is used for the load and the probes.
    public var viewports: [Viewport] = [.desktop, .phone, .desktopDark, .phoneDark]
    /// Screenshots stop at this page height, in CSS pixels.
    public var maximumScreenshotHeight = 8000

    /// Names searched in `PATH` when no browser is given.
    public static let browserNames = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Creates a checker.
    /// - Parameters:
    ///   - outputDirectory: the built report.
    ///   - screenshotDirectory: where PNG screenshots go (created if missing); `nil` for none.
    ///   - browser: Chromium's executable; `nil` to search for it.
    public init(outputDirectory: URL, screenshotDirectory: URL? = nil, browser: URL? = nil) {
        self.outputDirectory = outputDirectory.standardizedFileURL
        self.screenshotDirectory = screenshotDirectory?.standardizedFileURL
        self.browser = browser
    }

    /// The first Chromium found: `$SITECHECK_BROWSER` if set, else one of `browserNames` in `PATH`.
    public static func locateBrowser() -> URL? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["SITECHECK_BROWSER"], !explicit.isEmpty {
            return FileManager.default.isExecutableFile(atPath: explicit) ? URL(fileURLWithPath: explicit) : nil
        }
        let directories = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
        for name in browserNames {
            for directory in directories {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    return URL(fileURLWithPath: candidate)
                }
            }
        }
        return nil
    }

    /// Every `*.html` file under `outputDirectory`, as sorted paths relative to it (hidden folders skipped).
    public func pages() throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputDirectory.path, isDirectory: &isDirectory),
              isDirectory.boolValue else {
            throw SiteCheckError.outputDirectoryMissing(outputDirectory.path)
        }
        guard let enumerator = FileManager.default.enumerator(
            at: outputDirectory, includingPropertiesForKeys: nil, options: [.skipsHiddenFiles]) else {
            throw SiteCheckError.io("cannot list \(outputDirectory.path)")
        }
        let rootPath = outputDirectory.path.hasSuffix("/") ? outputDirectory.path : outputDirectory.path + "/"
        var pages: [String] = []
        for case let url as URL in enumerator where url.pathExtension.lowercased() == "html" {
            let path = url.standardizedFileURL.path
            if path.hasPrefix(rootPath) { pages.append(String(path.dropFirst(rootPath.count))) }
        }
        guard !pages.isEmpty else { throw SiteCheckError.noPages(outputDirectory.path) }
        return pages.sorted()
    }

    /// Checks only the links, anchors and resource references of every page (no browser).
    public func checkLinks() throws -> SiteCheckReport {
        var checker = LinkChecker(root: outputDirectory)
        var results: [SitePageResult] = []
        for page in try pages() {
            var result = SitePageResult(page: page)
            let links = try checker.check(pagePath: page)
            result.findings = links.findings
            result.links = links.checked
            results.append(result)
        }
        return SiteCheckReport(pages: results)
    }

    /// Runs every check on every page and returns the report. Throws only when the check cannot run at all
    /// (no output directory, no pages, no browser, the browser does not start); problems in pages are
    /// findings in the report. The browser is always ended before this returns (and, should this process
    /// die first, Chromium exits when its DevTools pipe closes). Sets SIGPIPE to ignored for the process, so
    /// a browser that dies mid-write is an error, not a crash.
    /// - Parameter progress: called before each page with `[i/n] page` (for a log line).
    public func run(progress: (String) -> Void = { _ in }) throws -> SiteCheckReport {
        var report = try checkLinks()
        guard let executable = browser ?? Self.locateBrowser() else {
            throw SiteCheckError.browserNotFound(searched: Self.browserNames)
        }
        if let screenshotDirectory {
            do {
                try FileManager.default.createDirectory(at: screenshotDirectory, withIntermediateDirectories: true)
            } catch {
                throw SiteCheckError.io("cannot create \(screenshotDirectory.path): \(error.localizedDescription)")
            }
            report.screenshotDirectory = screenshotDirectory.path
        }
        // A browser that dies mid-write must not kill this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)

        let workDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("memgen-sitecheck-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workDirectory) }

        var launches = 0
        var browserProcess: BrowserProcess?
        defer { browserProcess?.terminate() }
        var netLogs: [URL] = []
        for index in report.pages.indices {
            let page = report.pages[index].page
            progress("[\(index + 1)/\(report.pages.count)] \(page)")
            do {
                if browserProcess == nil {
                    launches += 1
                    let netLog = workDirectory.appendingPathComponent("netlog-\(launches).json")
                    netLogs.append(netLog)
                    browserProcess = try Self.launch(executable, profile: workDirectory.appendingPathComponent(
                        "profile-\(launches)"), netLog: netLog, stderr: workDirectory.appendingPathComponent(
                        "stderr-\(launches).txt"))
                }
                let visit = PageVisit(connection: browserProcess!.connection, page: page,
                                      url: outputDirectory.appendingPathComponent(page), timeout: pageTimeout,
                                      screenshotDirectory: screenshotDirectory, viewports: viewports,
                                      maximumScreenshotHeight: maximumScreenshotHeight)
                let seen = try visit.run()
                report.pages[index].findings = seen.findings + report.pages[index].findings
                report.pages[index].images = seen.images
                report.pages[index].formulas = seen.formulas
                report.pages[index].requests = seen.requests
                report.pages[index].screenshots = seen.screenshots
            } catch let hung as PageVisit.PageHung {
                report.pages[index].findings = hung.findings + report.pages[index].findings
                report.pages[index].findings.append(SiteCheckFinding(
                    page: page, check: .load,
                    message: "the page stopped answering for \(hung.seconds) s (a script that never returns?); "
                        + "the browser was restarted for the next page"))
                browserProcess?.terminate()
                browserProcess = nil
            } catch let error as SiteCheckError {
                if case .browserLaunchFailed = error { throw error }
                // The connection broke or timed out: report it for this page, restart for the next.
                report.pages[index].findings.append(SiteCheckFinding(
                    page: page, check: .load, message: "browser failed on this page: \(error)"))
                browserProcess?.terminate()
                browserProcess = nil
            }
        }
        browserProcess?.terminate()
        browserProcess = nil
        checkNetLogs(netLogs, into: &report)
        report.notes.insert("browser: \(executable.path); \(report.pages.count) pages; "
            + "\(launches) browser launch\(launches == 1 ? "" : "es")", at: 0)
        return report
    }

    // MARK: - Browser

    /// Starts headless Chromium offline (every host unresolvable) with its DevTools pipe answering.
    static func launch(_ executable: URL, profile: URL, netLog: URL, stderr: URL) throws -> BrowserProcess {
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--user-data-dir=\(profile.path)",
            // Nothing resolves, so nothing the browser itself wants (updates, sync, …) can connect.
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-default-apps", "--disable-extensions", "--disable-domain-reliability",
            "--disable-client-side-phishing-detection", "--disable-breakpad", "--no-pings",
            "--no-first-run", "--no-default-browser-check", "--metrics-recording-only",
            "--disable-features=Translate,OptimizationHints,MediaRouter,SpellcheckService,NetworkTimeServiceQuerying,AccountConsistency,ChromeSignin,CertificateTransparencyComponentUpdater",
            "--disable-component-extensions-with-background-pages", "--disable-field-trial-config",
            "--hide-scrollbars", "--mute-audio", "--force-color-profile=srgb",
            "--log-net-log=\(netLog.path)", "--net-log-capture-mode=Default",
            "about:blank",
        ]
        let process = try BrowserProcess(executable: executable.path, arguments: arguments,
                                         stderrPath: stderr.path)
        do {
            try process.connection.call("Browser.getVersion", timeout: 30)
        } catch {
            let tail = process.stderrTail()
            process.terminate()
            throw SiteCheckError.browserLaunchFailed("\(executable.path) did not answer on the DevTools pipe "
                + "(\(error))" + (tail.isEmpty ? "" : "; its stderr ends with:\n\(tail)"))
        }
        return process
    }

    /// Cross-checks the DevTools view with Chromium's own net logs (one per browser launch).
    private func checkNetLogs(_ files: [URL], into report: inout SiteCheckReport) {
        var started: [String] = []
        var connections = 0
        var read = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                report.notes.append("no net log was written (\(file.lastPathComponent)); that browser launch "
                    + "is covered by the DevTools checks alone")
                continue
            }
            do {
                let log = try NetLogReader(text: String(decoding: data, as: UTF8.self))
                read += 1
                connections += log.tcpConnections.count
                started += log.startedURLs
                for address in log.connectionsLeavingMachine {
                    report.siteFindings.append(SiteCheckFinding(
                        page: nil, check: .network,
                        message: "Chromium's net log shows a TCP connection attempt to \(address)"))
                }
            } catch {
                report.notes.append("net log \(file.lastPathComponent) unreadable (\(error)); that browser launch "
                    + "is covered by the DevTools checks alone")
            }
        }
        if !started.isEmpty {
            let hosts = Set(started.compactMap { URL(string: $0)?.host }).sorted()
            report.notes.append("the browser's own background requests (\(started.count), to "
                + "\(hosts.joined(separator: ", "))) were stopped by the resolver rule before any DNS lookup")
        }
        report.notes.append("net log (\(read) of \(files.count) read): \(connections) TCP connection attempts, "
            + "\(report.siteFindings.count) leaving the machine")
    }
}
