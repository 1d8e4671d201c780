import Foundation

/// Opens one page in a fresh browser tab, lets it load, runs the probes, takes the screenshots, and
/// closes the tab.
///
/// Every request the page makes is paused by the DevTools `Fetch` domain: `file:` and `data:` requests
/// continue, anything else fails with `BlockedByClient` before it is sent (and is reported).
struct PageVisit {
    let connection: DevToolsConnection
    /// Page path relative to the output directory.
    let page: String
    /// The page's file URL.
    let url: URL
    /// Longest wait for the load event, and for the probe.
    let timeout: TimeInterval
    /// Where screenshots go, or `nil` for none.
    let screenshotDirectory: URL?
    let viewports: [Viewport]
    /// Screenshots stop at this many CSS pixels of page height.
    let maximumScreenshotHeight: Int

    /// Thrown when the page stops answering (its script never yields); the caller restarts the browser.
    struct PageHung: Error {
        let seconds: Int
        /// What the page logged before it stopped answering (console errors, failed requests, …).
        let findings: [SiteCheckFinding]
    }

    /// Runs the visit; returns what was seen. Throws `PageHung` when the page stops answering, and
    /// `SiteCheckError` when the browser connection breaks or a command times out.
    func run() throws -> SitePageResult {
        var result = SitePageResult(page: page)
        var log = PageEventLog()
        let target = try connection.call("Target.createTarget", ["url": "about:blank"], timeout: timeout)
        guard let targetID = target["targetId"] as? String else {
            throw SiteCheckError.devTools("Target.createTarget returned no targetId")
        }
        defer { _ = try? connection.call("Target.closeTarget", ["targetId": targetID], timeout: 5) }
        let attached = try connection.call("Target.attachToTarget", ["targetId": targetID, "flatten": true],
                                           timeout: timeout)
        guard let session = attached["sessionId"] as? String else {
            throw SiteCheckError.devTools("Target.attachToTarget returned no sessionId")
        }
        connection.eventHandler = { [connection] event in
            guard event["sessionId"] as? String == session else { return }
            log.record(event)
            guard event["method"] as? String == "Fetch.requestPaused",
                  let parameters = event["params"] as? [String: Any],
                  let requestID = parameters["requestId"] as? String,
                  let request = parameters["request"] as? [String: Any],
                  let requestURL = request["url"] as? String else { return }
            if PageEventLog.isLocal(requestURL) {
                _ = try? connection.send("Fetch.continueRequest", ["requestId": requestID], session: session)
            } else {
                _ = try? connection.send("Fetch.failRequest",
                                         ["requestId": requestID, "errorReason": "BlockedByClient"], session: session)
            }
        }
        defer { connection.eventHandler = { _ in } }

        for domain in ["Page.enable", "Runtime.enable", "Log.enable", "Network.enable"] {
            try connection.call(domain, session: session, timeout: timeout)
        }
        try connection.call("Fetch.enable", ["patterns": [["urlPattern": "*"]]], session: session, timeout: timeout)
        let first = viewports.first ?? .desktop
        try setViewport(first, session: session)

        let navigation = try connection.call("Page.navigate", ["url": url.absoluteString], session: session,
                                             timeout: timeout)
        if let error = navigation["errorText"] as? String {
            result.findings.append(SiteCheckFinding(page: page, check: .load, message: "navigation failed: \(error)"))
            result.findings = log.findings(page: page) + result.findings
            return result
        }
        let loaded = try connection.pumpEvents(until: Date().addingTimeInterval(timeout)) { log.loaded }
        if !loaded {
            result.findings.append(SiteCheckFinding(page: page, check: .load,
                                                    message: "no load event within \(Int(timeout)) s"))
        }
        try settle(log: { log })

        do {
            let json = try evaluate(PageProbe.script, session: session)
            let probe = try PageProbe.decode(json)
            result.images = probe.images.count
            result.formulas = probe.formulas
            result.findings += probe.findings(page: page)
            let reader = try ReaderProbe.decode(try evaluate(ReaderProbe.script, session: session))
            result.findings += reader.findings(page: page, outputDirectory: url.deletingLastPathComponent())
        } catch SiteCheckError.timedOut {
            // The page's main thread is busy (an endless script): nothing more can be asked of it.
            throw PageHung(seconds: Int(timeout), findings: log.findings(page: page) + result.findings)
        } catch let error as SiteCheckError {
            result.findings.append(SiteCheckFinding(page: page, check: .load, message: "probe failed: \(error)"))
        }

        for (index, viewport) in viewports.enumerated() {
            if index > 0 {
                try setViewport(viewport, session: session)
                try settle(log: { log })
            }
            if let json = try? evaluate(ThemeProbe.script, session: session),
               let theme = try? JSONDecoder().decode(ThemeProbe.self, from: Data(json.utf8)) {
                result.findings += theme.findings(page: page, viewport: viewport)
            }
            if viewport.mobile {
                if let json = try? evaluate(PageProbe.layoutScript, session: session),
                   let layout = try? JSONDecoder().decode(LayoutProbe.self, from: Data(json.utf8)) {
                    result.findings += layout.findings(page: page, viewport: viewport)
                }
            }
            if let screenshotDirectory {
                do {
                    let file = screenshotDirectory.appendingPathComponent(Self.screenshotName(page, viewport))
                    try screenshot(viewport, to: file, session: session)
                    result.screenshots.append(file.path)
                } catch {
                    result.findings.append(SiteCheckFinding(page: page, check: .screenshot,
                                                            message: "\(viewport.name) screenshot: \(error)"))
                }
            }
        }
        // Late events (a script error on a timer, a late image) still count.
        _ = try connection.pumpEvents(until: Date().addingTimeInterval(0.2)) { false }
        result.requests = log.requestCount
        result.findings = log.findings(page: page) + result.findings
        return result
    }

    /// `chapters/01-intro.html` → `chapters--01-intro--desktop.png`.
    static func screenshotName(_ page: String, _ viewport: Viewport) -> String {
        let base = page.hasSuffix(".html") ? String(page.dropLast(5)) : page
        return base.replacingOccurrences(of: "/", with: "--") + "--\(viewport.name).png"
    }

    // MARK: - Steps

    /// Waits until no request is in flight for 300 ms (at most 5 s).
    private func settle(log: () -> PageEventLog) throws {
        let deadline = Date().addingTimeInterval(5)
        var quietSince = Date()
        while Date() < deadline {
            _ = try connection.pumpEvents(until: Date().addingTimeInterval(0.1)) { false }
            if log().inFlight > 0 { quietSince = Date() }
            if Date().timeIntervalSince(quietSince) >= 0.3 { return }
        }
    }

    private func setViewport(_ viewport: Viewport, session: String) throws {
        try connection.call("Emulation.setDeviceMetricsOverride", [
            "width": viewport.width, "height": viewport.height,
            "deviceScaleFactor": viewport.deviceScaleFactor, "mobile": viewport.mobile,
        ], session: session, timeout: timeout)
        try connection.call("Emulation.setEmulatedMedia", [
            "features": [["name": "prefers-color-scheme", "value": viewport.colorScheme.rawValue]],
        ], session: session, timeout: timeout)
    }

    /// Evaluates `expression` (which resolves to a string) in the page and returns that string.
    private func evaluate(_ expression: String, session: String) throws -> String {
        let reply = try connection.call("Runtime.evaluate", [
            "expression": expression, "awaitPromise": true, "returnByValue": true,
        ], session: session, timeout: timeout)
        if let exception = reply["exceptionDetails"] as? [String: Any] {
            let description = (exception["exception"] as? [String: Any])?["description"] as? String
            throw SiteCheckError.devTools("probe threw: \(description ?? exception["text"] as? String ?? "?")")
        }
        guard let value = (reply["result"] as? [String: Any])?["value"] as? String else {
            throw SiteCheckError.devTools("probe returned no string")
        }
        return value
    }

    /// A PNG of the whole page (up to `maximumScreenshotHeight` CSS pixels) at `viewport`.
    private func screenshot(_ viewport: Viewport, to file: URL, session: String) throws {
        let metrics = try connection.call("Page.getLayoutMetrics", session: session, timeout: timeout)
        let content = metrics["cssContentSize"] as? [String: Any] ?? [:]
        let contentHeight = (content["height"] as? Double) ?? Double(content["height"] as? Int ?? viewport.height)
        let height = min(max(Int(contentHeight.rounded(.up)), viewport.height), maximumScreenshotHeight)
        let reply = try connection.call("Page.captureScreenshot", [
            "format": "png", "captureBeyondViewport": true,
            "clip": ["x": 0, "y": 0, "width": viewport.width, "height": height, "scale": 1],
        ], session: session, timeout: timeout)
        guard let base64 = reply["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw SiteCheckError.devTools("Page.captureScreenshot returned no image")
        }
        do {
            try data.write(to: file)
        } catch {
            throw SiteCheckError.io("cannot write \(file.path): \(error.localizedDescription)")
        }
    }
}
