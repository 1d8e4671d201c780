import Foundation
import XCTest
@testable import SiteCheck

final class PageEventLogTests: XCTestCase {
    /// DevTools events as Chromium 156 sent them for a page with a missing image, a blocked external image,
    /// an uncaught ReferenceError and a console.error (trimmed to the fields that matter).
    private let recorded = [
        #"{"method":"Network.requestWillBeSent","params":{"requestId":"1","request":{"url":"file:///s/bad.html"}}}"#,
        #"{"method":"Network.loadingFinished","params":{"requestId":"1"}}"#,
        #"{"method":"Network.requestWillBeSent","params":{"requestId":"2","request":{"url":"file:///s/missing.png"}}}"#,
        #"{"method":"Network.requestWillBeSent","params":{"requestId":"3","request":{"url":"http://example.com/x.png"}}}"#,
        #"{"method":"Fetch.requestPaused","params":{"requestId":"j4","request":{"url":"https://93.184.216.34/y"}}}"#,
        #"{"method":"Runtime.exceptionThrown","params":{"exceptionDetails":{"text":"Uncaught","lineNumber":2,"columnNumber":8,"url":"file:///s/bad.html","exception":{"type":"object","description":"ReferenceError: f is not defined\n    at file:///s/bad.html:3:9"}}}}"#,
        #"{"method":"Runtime.consoleAPICalled","params":{"type":"error","args":[{"type":"string","value":"oops"},{"type":"number","value":3}],"stackTrace":{"callFrames":[{"url":"file:///s/bad.html","lineNumber":2,"columnNumber":53}]}}}"#,
        #"{"method":"Runtime.consoleAPICalled","params":{"type":"log","args":[{"type":"string","value":"just a log"}]}}"#,
        #"{"method":"Network.loadingFailed","params":{"requestId":"2","type":"Image","errorText":"net::ERR_FILE_NOT_FOUND","canceled":false}}"#,
        #"{"method":"Log.entryAdded","params":{"entry":{"source":"network","level":"error","text":"Failed to load resource: net::ERR_FILE_NOT_FOUND","url":"file:///s/missing.png"}}}"#,
        #"{"method":"Network.loadingFailed","params":{"requestId":"3","type":"Image","errorText":"net::ERR_BLOCKED_BY_CLIENT.Inspector","canceled":false}}"#,
        #"{"method":"Log.entryAdded","params":{"entry":{"source":"security","level":"error","text":"Refused to frame"}}}"#,
        #"{"method":"Page.loadEventFired","params":{"timestamp":1.5}}"#,
    ]

    private func replay(_ lines: [String]) throws -> PageEventLog {
        var log = PageEventLog()
        for line in lines {
            let event = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            log.record(event)
        }
        return log
    }

    func testRecordedEventsBecomeOneFindingPerProblem() throws {
        let log = try replay(recorded)
        XCTAssertTrue(log.loaded)
        XCTAssertEqual(log.requestCount, 3)
        XCTAssertEqual(log.inFlight, 0)
        let messages = log.findings(page: "bad.html").map { "\($0.check.rawValue): \($0.message)" }
        XCTAssertEqual(messages, [
            "console: JavaScript exception: ReferenceError: f is not defined at file:///s/bad.html:3:9",
            "console: console.error: oops 3 at file:///s/bad.html:3:54",
            "console: security: Refused to frame",
            "request: failed to load file:///s/missing.png: net::ERR_FILE_NOT_FOUND",
            "network: request leaves the machine: http://example.com/x.png (blocked, not sent)",
            "network: request leaves the machine: https://93.184.216.34/y (blocked, not sent)",
        ])
    }

    func testCleanPageHasNoFindingsAndTracksRequestsInFlight() throws {
        var log = try replay(Array(recorded.prefix(2)))
        XCTAssertEqual(log.findings(page: "good.html"), [])
        log.record(["method": "Network.requestWillBeSent",
                    "params": ["requestId": "9", "request": ["url": "data:image/png;base64,AAAA"]]])
        XCTAssertEqual(log.inFlight, 1)
        XCTAssertEqual(log.findings(page: "good.html"), [])
    }

    func testLocalSchemes() {
        XCTAssertTrue(PageEventLog.isLocal("file:///a"))
        XCTAssertTrue(PageEventLog.isLocal("DATA:text/plain,x"))
        XCTAssertFalse(PageEventLog.isLocal("http://localhost/"))
        XCTAssertFalse(PageEventLog.isLocal("ws://example.com"))
    }
}
