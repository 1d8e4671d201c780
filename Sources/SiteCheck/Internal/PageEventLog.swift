/// The DevTools events of one page visit, turned into findings: console errors, failed requests and
/// requests that would have left the machine.
///
/// Events used (all from Chromium's DevTools protocol):
/// - `Runtime.exceptionThrown` → an uncaught JavaScript exception (`.console`);
/// - `Runtime.consoleAPICalled` with type `error` or `assert` → `console.error(…)` (`.console`);
/// - `Log.entryAdded` with level `error`, except network-sourced entries, which repeat
///   `Network.loadingFailed` (`.console`);
/// - `Network.requestWillBeSent` and `Fetch.requestPaused` → every URL requested; anything that is not
///   `file:` or `data:` is a `.network` failure (the visit blocks it before it is sent);
/// - `Network.loadingFailed` (not cancelled, not one of our blocks) and `Network.responseReceived` with a
///   status ≥ 400 → `.request`.
struct PageEventLog {
    private(set) var exceptions: [String] = []
    private(set) var consoleErrors: [String] = []
    private(set) var logErrors: [String] = []
    /// URL per request id, in the order requests were made.
    private var requestURLs: [String: String] = [:]
    private var requestOrder: [String] = []
    private var finishedRequests: Set<String> = []
    private(set) var failedRequests: [String] = []
    /// Non-local URLs requested, first occurrence order, without duplicates.
    private(set) var externalURLs: [String] = []
    /// `true` once `Page.loadEventFired` was seen.
    private(set) var loaded = false

    /// Whether `url` stays on the machine: `file:`, `data:`, `blob:` (made from local data), `about:`.
    static func isLocal(_ url: String) -> Bool {
        let lowered = url.lowercased()
        return lowered.hasPrefix("file:") || lowered.hasPrefix("data:") || lowered.hasPrefix("blob:")
            || lowered.hasPrefix("about:")
    }

    /// Number of distinct requests the page made.
    var requestCount: Int { requestOrder.count }

    /// Requests started and not yet finished or failed.
    var inFlight: Int { requestOrder.count - finishedRequests.count }

    /// Records one DevTools event (a message with `method` and `params`).
    mutating func record(_ event: [String: Any]) {
        guard let method = event["method"] as? String else { return }
        let parameters = event["params"] as? [String: Any] ?? [:]
        switch method {
        case "Page.loadEventFired":
            loaded = true
        case "Runtime.exceptionThrown":
            let details = parameters["exceptionDetails"] as? [String: Any] ?? [:]
            exceptions.append(Self.describeException(details))
        case "Runtime.consoleAPICalled":
            let type = parameters["type"] as? String ?? ""
            guard type == "error" || type == "assert" else { return }
            let arguments = parameters["args"] as? [[String: Any]] ?? []
            let text = arguments.map(Self.describeRemoteObject).joined(separator: " ")
            consoleErrors.append("console.\(type): \(text)\(Self.location(parameters["stackTrace"]))")
        case "Log.entryAdded":
            let entry = parameters["entry"] as? [String: Any] ?? [:]
            guard entry["level"] as? String == "error", entry["source"] as? String != "network" else { return }
            let url = (entry["url"] as? String).map { " (\($0))" } ?? ""
            logErrors.append("\(entry["source"] as? String ?? "browser"): \(entry["text"] as? String ?? "?")\(url)")
        case "Network.requestWillBeSent":
            guard let id = parameters["requestId"] as? String,
                  let request = parameters["request"] as? [String: Any],
                  let url = request["url"] as? String else { return }
            // A redirect reuses the id; the new URL is the one that counts.
            if requestURLs[id] == nil { requestOrder.append(id) }
            requestURLs[id] = url
            noteURL(url)
        case "Fetch.requestPaused":
            if let request = parameters["request"] as? [String: Any], let url = request["url"] as? String {
                noteURL(url)
            }
        case "Network.loadingFinished":
            if let id = parameters["requestId"] as? String { finishedRequests.insert(id) }
        case "Network.loadingFailed":
            guard let id = parameters["requestId"] as? String else { return }
            finishedRequests.insert(id)
            let url = requestURLs[id] ?? "request \(id)"
            let canceled = parameters["canceled"] as? Bool ?? false
            guard !canceled, Self.isLocal(url) else { return }  // non-local ones are reported as .network
            failedRequests.append("\(url): \(parameters["errorText"] as? String ?? "failed")")
        case "Network.responseReceived":
            guard let response = parameters["response"] as? [String: Any],
                  let status = response["status"] as? Int, status >= 400 else { return }
            failedRequests.append("\(response["url"] as? String ?? "?"): status \(status)")
        default:
            break
        }
    }

    private mutating func noteURL(_ url: String) {
        if !Self.isLocal(url), !externalURLs.contains(url) {
            externalURLs.append(url)
        }
    }

    /// The findings for `page`, each naming the URL or script location.
    func findings(page: String) -> [SiteCheckFinding] {
        var findings: [SiteCheckFinding] = []
        for text in exceptions {
            findings.append(SiteCheckFinding(page: page, check: .console, message: "JavaScript exception: \(text)"))
        }
        for text in consoleErrors + logErrors {
            findings.append(SiteCheckFinding(page: page, check: .console, message: text))
        }
        for text in failedRequests {
            findings.append(SiteCheckFinding(page: page, check: .request, message: "failed to load \(text)"))
        }
        for url in externalURLs {
            findings.append(SiteCheckFinding(page: page, check: .network,
                                             message: "request leaves the machine: \(url) (blocked, not sent)"))
        }
        return findings
    }

    // MARK: - Describing protocol objects

    private static func describeException(_ details: [String: Any]) -> String {
        let exception = details["exception"] as? [String: Any] ?? [:]
        var text = exception["description"] as? String
            ?? (exception["value"].map { "\($0)" })
            ?? details["text"] as? String ?? "unknown exception"
        if let firstLine = text.split(separator: "\n").first { text = String(firstLine) }
        if let url = details["url"] as? String, let line = details["lineNumber"] as? Int {
            let column = details["columnNumber"] as? Int ?? 0
            text += " at \(url):\(line + 1):\(column + 1)"
        } else {
            text += location(details["stackTrace"])
        }
        return text
    }

    private static func describeRemoteObject(_ object: [String: Any]) -> String {
        if let value = object["value"] { return "\(value)" }
        return object["description"] as? String ?? object["type"] as? String ?? "?"
    }

    private static func location(_ stackTrace: Any?) -> String {
        guard let trace = stackTrace as? [String: Any],
              let frames = trace["callFrames"] as? [[String: Any]], let frame = frames.first,
              let url = frame["url"] as? String, !url.isEmpty else { return "" }
        let line = (frame["lineNumber"] as? Int ?? 0) + 1
        let column = (frame["columnNumber"] as? Int ?? 0) + 1
        return " at \(url):\(line):\(column)"
    }
}
