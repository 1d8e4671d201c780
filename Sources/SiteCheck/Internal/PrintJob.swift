import Foundation

/// One page printed in a fresh tab: navigate, wait for the load event, for web fonts, images and
/// KaTeX, then `Page.printToPDF` (footer with page numbers, document outline, tagged PDF).
struct PrintJob {
    let connection: DevToolsConnection
    let url: URL
    let timeout: TimeInterval

    /// Waits for fonts and images, then reports what did not render: `{"images":n,"broken":[…],"mathErrors":n}`.
    static let readiness = """
    (async () => {
      await document.fonts.ready;
      const images = [...document.images];
      await Promise.all(images.map((img) => img.complete ? null : new Promise((done) => { img.onload = img.onerror = done; })));
      const broken = images.filter((img) => img.naturalWidth === 0).map((img) => img.getAttribute('src'));
      return JSON.stringify({ images: images.length, broken, mathErrors: document.querySelectorAll('.math-error, .katex-error').length,
                              formulas: document.querySelectorAll('.katex').length });
    })()
    """

    struct Readiness: Decodable {
        var images: Int
        var broken: [String]
        var mathErrors: Int
        var formulas: Int
    }

    func run() throws -> [UInt8] {
        let target = try connection.call("Target.createTarget", ["url": "about:blank"], timeout: timeout)
        guard let targetID = target["targetId"] as? String else { throw SiteCheckError.devTools("Target.createTarget returned no targetId") }
        defer { _ = try? connection.call("Target.closeTarget", ["targetId": targetID], timeout: 5) }
        let attached = try connection.call("Target.attachToTarget", ["targetId": targetID, "flatten": true], timeout: timeout)
        guard let session = attached["sessionId"] as? String else { throw SiteCheckError.devTools("Target.attachToTarget returned no sessionId") }
        var loaded = false
        connection.eventHandler = { event in
            if event["sessionId"] as? String == session, event["method"] as? String == "Page.loadEventFired" { loaded = true }
        }
        defer { connection.eventHandler = { _ in } }
        try connection.call("Page.enable", session: session, timeout: timeout)
        let navigation = try connection.call("Page.navigate", ["url": url.absoluteString], session: session, timeout: timeout)
        if let error = navigation["errorText"] as? String { throw SiteCheckError.devTools("cannot open \(url.path): \(error)") }
        guard try connection.pumpEvents(until: Date().addingTimeInterval(timeout), condition: { loaded }) else {
            throw SiteCheckError.timedOut("\(url.lastPathComponent) did not load within \(Int(timeout)) s")
        }
        let reply = try connection.call("Runtime.evaluate", ["expression": Self.readiness, "awaitPromise": true, "returnByValue": true],
                                        session: session, timeout: timeout)
        guard let json = (reply["result"] as? [String: Any])?["value"] as? String,
              let ready = try? JSONDecoder().decode(Readiness.self, from: Data(json.utf8)) else {
            throw SiteCheckError.devTools("the readiness probe returned no answer")
        }
        if !ready.broken.isEmpty {
            throw SiteCheckError.devTools("\(ready.broken.count) image(s) did not load, first \(ready.broken[0])")
        }
        if ready.mathErrors > 0 { throw SiteCheckError.devTools("\(ready.mathErrors) formula(s) KaTeX could not render") }
        let printed = try connection.call("Page.printToPDF", [
            "printBackground": true, "preferCSSPageSize": true,
            "displayHeaderFooter": true,
            "headerTemplate": "<span></span>",
            "footerTemplate": "<div style=\"width:100%;text-align:center;font:9px sans-serif;color:#666\"><span class=\"pageNumber\"></span> / <span class=\"totalPages\"></span></div>",
            "marginTop": 0.7, "marginBottom": 0.8, "marginLeft": 0.65, "marginRight": 0.65,
            "generateDocumentOutline": true, "generateTaggedPDF": true,
        ], session: session, timeout: timeout)
        guard let base64 = printed["data"] as? String, let data = Data(base64Encoded: base64) else {
            throw SiteCheckError.devTools("Page.printToPDF returned no document")
        }
        return [UInt8](data)
    }
}
