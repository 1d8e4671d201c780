import Foundation

/// Reads Chromium's own network log (`--log-net-log=FILE`), an independent record of what the browser
/// tried to send, below the DevTools layer.
///
/// The file is JSON: `constants.logEventTypes` maps event names to numbers, and `events` lists
/// `{type, phase, source, params}`. A browser that was killed leaves the file without its closing
/// `]}`; the reader repairs that. It collects:
/// - `URL_REQUEST_START_JOB` (phase begin) URLs that are not local: requests that reached the network
///   stack. A page's own non-local requests never get here (the visit fails them first), so these are the
///   browser's background requests (update checks, …), which the resolver rule `MAP * ~NOTFOUND` stops
///   before any DNS lookup;
/// - addresses of `TCP_CONNECT_ATTEMPT` and `SOCKET_CONNECT`/`UDP_CONNECT` on a TCP socket: actual
///   connection attempts; any that is not a loopback address means a packet may have left the machine.
///   (A UDP `connect()` sends nothing — Chromium uses one to probe IPv6 reachability — so UDP sockets are
///   listed apart and not counted as leaving.)
struct NetLogReader {
    /// Non-local URLs whose request job started, without duplicates, in order.
    private(set) var startedURLs: [String] = []
    /// TCP connection attempts, as `address:port`.
    private(set) var tcpConnections: [String] = []
    /// UDP sockets connected (no data sent by `connect`), as `address:port`.
    private(set) var udpConnections: [String] = []

    /// Parses the net log text.
    init(text: String) throws {
        let object = try Self.parse(text)
        guard let constants = object["constants"] as? [String: Any],
              let types = constants["logEventTypes"] as? [String: Any],
              let events = object["events"] as? [[String: Any]] else {
            throw SiteCheckError.io("net log has no constants.logEventTypes or events")
        }
        var names: [Int: String] = [:]
        for (name, value) in types {
            if let number = value as? Int { names[number] = name }
        }
        let sourceTypes = (constants["logSourceType"] as? [String: Any] ?? [:])
        let udpSourceTypes = Set(["UDP_SOCKET", "UDP_CLIENT_SOCKET"].compactMap { sourceTypes[$0] as? Int })
        for event in events {
            guard let type = event["type"] as? Int, let name = names[type] else { continue }
            let parameters = event["params"] as? [String: Any] ?? [:]
            let phase = event["phase"] as? Int ?? 0
            switch name {
            case "URL_REQUEST_START_JOB":
                if phase != 2, let url = parameters["url"] as? String, !PageEventLog.isLocal(url),
                   !startedURLs.contains(url) {
                    startedURLs.append(url)
                }
            case "TCP_CONNECT_ATTEMPT", "SOCKET_CONNECT", "UDP_CONNECT":
                guard let address = parameters["address"] as? String else { continue }
                let sourceType = (event["source"] as? [String: Any])?["type"] as? Int
                let isUDP = name == "UDP_CONNECT" || sourceType.map(udpSourceTypes.contains) == true
                if isUDP {
                    if !udpConnections.contains(address) { udpConnections.append(address) }
                } else if !tcpConnections.contains(address) {
                    tcpConnections.append(address)
                }
            default:
                break
            }
        }
    }

    /// TCP connection attempts to anything but loopback (127.0.0.0/8, ::1).
    var connectionsLeavingMachine: [String] {
        tcpConnections.filter { !Self.isLoopback($0) }
    }

    /// Whether `address` (`1.2.3.4:80` or `[::1]:80`) is a loopback address.
    static func isLoopback(_ address: String) -> Bool {
        address.hasPrefix("127.") || address.hasPrefix("[::1]") || address == "::1"
    }

    private static func parse(_ text: String) throws -> [String: Any] {
        if let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] {
            return object
        }
        // Unfinished file: drop a trailing comma and close the events array and the object.
        var repaired = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if repaired.hasSuffix(",") { repaired.removeLast() }
        repaired += "]}"
        guard let object = try? JSONSerialization.jsonObject(with: Data(repaired.utf8)) as? [String: Any] else {
            throw SiteCheckError.io("net log is not JSON, even after closing it")
        }
        return object
    }
}
