import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A synchronous Chrome DevTools Protocol client over a pipe pair: each message is one JSON object
/// followed by a NUL byte (Chromium's `--remote-debugging-pipe` framing).
///
/// `call` sends a command and reads messages until its reply arrives; every event read on the way is
/// handed to `eventHandler`, which may `send` further commands (but must not `call`).
final class DevToolsConnection {
    private let readDescriptor: Int32
    private let writeDescriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes of `buffer` already searched for a NUL (large screenshot replies arrive in many chunks).
    private var scanned = 0
    private var nextID = 0
    private var closed = false

    /// Receives every event (a message without `id`), in arrival order.
    var eventHandler: ([String: Any]) -> Void = { _ in }

    init(readDescriptor: Int32, writeDescriptor: Int32) {
        self.readDescriptor = readDescriptor
        self.writeDescriptor = writeDescriptor
    }

    /// Sends a command without waiting for its reply; returns its id.
    @discardableResult
    func send(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil) throws -> Int {
        nextID += 1
        var message: [String: Any] = ["id": nextID, "method": method, "params": parameters]
        if let session { message["sessionId"] = session }
        var data = try JSONSerialization.data(withJSONObject: message)
        data.append(0)
        try data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = write(writeDescriptor, raw.baseAddress! + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw SiteCheckError.devTools("writing \(method) failed: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
        return nextID
    }

    /// Sends a command and waits up to `timeout` seconds for its reply; returns the reply's `result`.
    /// Throws with the protocol's error message if the browser answers with an error.
    @discardableResult
    func call(_ method: String, _ parameters: [String: Any] = [:], session: String? = nil,
              timeout: TimeInterval = 20) throws -> [String: Any] {
        let id = try send(method, parameters, session: session)
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            guard let message = try receive(until: deadline) else {
                throw SiteCheckError.timedOut("\(method) got no reply within \(Int(timeout)) s")
            }
            if let replyID = message["id"] as? Int {
                guard replyID == id else { continue }  // a reply to a fire-and-forget `send`
                if let error = message["error"] as? [String: Any] {
                    let text = error["message"] as? String ?? "\(error)"
                    throw SiteCheckError.devTools("\(method): \(text)")
                }
                return message["result"] as? [String: Any] ?? [:]
            }
            eventHandler(message)
        }
    }

    /// Reads and dispatches events until `condition()` holds or `deadline` passes; returns whether the
    /// condition held.
    func pumpEvents(until deadline: Date, condition: () -> Bool) throws -> Bool {
        while !condition() {
            guard let message = try receive(until: deadline) else { return condition() }
            if message["id"] == nil { eventHandler(message) }
        }
        return true
    }

    /// The next message, or `nil` if none arrived before `deadline`. Throws when the browser closed the pipe.
    private func receive(until deadline: Date) throws -> [String: Any]? {
        while true {
            if let zero = buffer[scanned...].firstIndex(of: 0) {
                let bytes = buffer[..<zero]
                defer {
                    buffer.removeSubrange(...zero)
                    scanned = 0
                }
                let object = try? JSONSerialization.jsonObject(with: Data(bytes))
                guard let message = object as? [String: Any] else {
                    throw SiteCheckError.devTools("unreadable message from the browser")
                }
                return message
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return nil }
            var descriptor = pollfd(fd: readDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(remaining, 1) * 1000) + 1)
            if ready < 0 {
                if errno == EINTR { continue }
                throw SiteCheckError.devTools("poll: \(String(cString: strerror(errno)))")
            }
            if ready == 0 { continue }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let count = read(readDescriptor, &chunk, chunk.count)
            if count < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw SiteCheckError.devTools("read: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                throw SiteCheckError.devTools("the browser closed the connection (crashed or exited)")
            }
            scanned = buffer.count
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes both pipe ends.
    func close() {
        guard !closed else { return }
        closed = true
        #if canImport(Glibc)
        _ = Glibc.close(readDescriptor)
        _ = Glibc.close(writeDescriptor)
        #else
        _ = Darwin.close(readDescriptor)
        _ = Darwin.close(writeDescriptor)
        #endif
    }
}
