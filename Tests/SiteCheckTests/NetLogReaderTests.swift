import XCTest
@testable import SiteCheck

final class NetLogReaderTests: XCTestCase {
    /// A net log in Chromium's format (constants, then events), hand-written with numbers of our choosing.
    private let log = """
    {"constants":{"logEventTypes":{"URL_REQUEST_START_JOB":1,"TCP_CONNECT_ATTEMPT":2,"UDP_CONNECT":3,\
    "SOCKET_CONNECT":4,"OTHER":5},"logSourceType":{"UDP_CLIENT_SOCKET":49,"SOCKET":7}},
    "events":[
    {"type":1,"phase":1,"source":{"id":1,"type":1},"params":{"url":"https://update.example/check"}},
    {"type":1,"phase":2,"source":{"id":1,"type":1},"params":{"net_error":-105}},
    {"type":1,"phase":1,"source":{"id":2,"type":1},"params":{"url":"file:///tmp/x.png"}},
    {"type":2,"phase":1,"source":{"id":3,"type":7},"params":{"address":"127.0.0.1:8080"}},
    {"type":3,"phase":1,"source":{"id":4,"type":24},"params":{"address":"[2001:db8::1]:443"}},
    {"type":4,"phase":0,"source":{"id":5,"type":49},"params":{"address":"[2001:db8::1]:443"}},
    {"type":5,"phase":0,"source":{"id":6,"type":1},"params":{"url":"https://ignored.example/"}},
    """

    func testTruncatedLogIsRepairedAndLoopbackIsNotLeaving() throws {
        let reader = try NetLogReader(text: log)  // no closing "]}", as after a killed browser
        XCTAssertEqual(reader.startedURLs, ["https://update.example/check"])
        XCTAssertEqual(reader.tcpConnections, ["127.0.0.1:8080"])
        XCTAssertEqual(reader.udpConnections, ["[2001:db8::1]:443"])
        XCTAssertEqual(reader.connectionsLeavingMachine, [])
    }

    func testTCPConnectionToAPublicAddressIsLeaving() throws {
        let leaking = log + """
        {"type":2,"phase":1,"source":{"id":9,"type":7},"params":{"address":"93.184.216.34:80"}}]}
        """
        let reader = try NetLogReader(text: leaking)
        XCTAssertEqual(reader.connectionsLeavingMachine, ["93.184.216.34:80"])
    }

    func testNotJSONIsAClearError() {
        XCTAssertThrowsError(try NetLogReader(text: "garbage")) { error in
            XCTAssertTrue("\(error)".contains("not JSON"), "\(error)")
        }
    }
}
