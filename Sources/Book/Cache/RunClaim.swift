import Foundation

/// A claim on one run of a shared result cache, so that builds sharing the cache (threads of one
/// build, two builds on one machine, or many machines on a network file system) never train the
/// same run twice at once.
///
/// The claim is an exclusive `flock(2)` on `<cache>/claims/<key>.claim`. The kernel releases it when
/// the holder's process ends however it ends (SIGKILL included), so a dead claimant never blocks
/// anyone: the next build takes the claim and trains the run. On NFS, Linux implements `flock` with
/// the server's byte-range locks, which the server also releases when a client's lease expires.
/// The file holds `pid host time` of the holder, for messages only.
///
/// Releasing removes the file before closing it; a waiter that locked the removed file notices
/// (its descriptor no longer names the path) and tries again on the new one.
final class RunClaim {
    /// The cache key of the claimed run.
    let key: String
    private let path: String
    private var descriptor: Int32

    private init(key: String, path: String, descriptor: Int32) {
        self.key = key
        self.path = path
        self.descriptor = descriptor
    }

    deinit { release() }

    /// The claim file of `key` in `cacheDirectory`.
    static func url(for key: String, in cacheDirectory: URL) -> URL {
        cacheDirectory.appendingPathComponent("claims").appendingPathComponent("\(key).claim")
    }

    /// Claims `key` if nobody holds it; nil when another process or thread does.
    static func tryClaim(_ key: String, in cacheDirectory: URL) throws -> RunClaim? {
        try acquire(key, in: cacheDirectory, wait: false)
    }

    /// Claims `key`, waiting while somebody else holds it.
    static func claim(_ key: String, in cacheDirectory: URL) throws -> RunClaim {
        try acquire(key, in: cacheDirectory, wait: true)!
    }

    private static func acquire(_ key: String, in cacheDirectory: URL, wait: Bool) throws -> RunClaim? {
        let url = url(for: key, in: cacheDirectory)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        while true {
            let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw BookError("cannot create the claim \(url.path): \(String(cString: strerror(errno)))") }
            if flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB)) != 0 {
                let code = errno
                close(fd)
                if code == EINTR { continue }
                if code == EWOULDBLOCK { return nil }
                throw BookError("cannot lock the claim \(url.path): \(String(cString: strerror(code)))")
            }
            // The holder before us may have removed the file between our open and our lock: then we
            // hold a lock on a file nobody else will look at, and must start again on the path.
            var held = stat(), current = stat()
            guard fstat(fd, &held) == 0, stat(url.path, &current) == 0,
                  held.st_ino == current.st_ino, held.st_dev == current.st_dev else {
                close(fd)
                continue
            }
            let note = "\(getpid()) \(RunClaim.hostName) \(Int(Date().timeIntervalSince1970))\n"
            _ = ftruncate(fd, 0)
            _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
            return RunClaim(key: key, path: url.path, descriptor: fd)
        }
    }

    /// Gives the claim up (also done when the claim is deallocated or its process ends).
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// Who holds the claim on `key`, as written in its file ("pid 123 on host h since 12:00:00"), or
    /// nil when there is no claim file.
    static func holder(of key: String, in cacheDirectory: URL) -> String? {
        guard let text = try? String(contentsOf: url(for: key, in: cacheDirectory), encoding: .utf8) else { return nil }
        let parts = text.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        guard parts.count == 3, let seconds = Double(parts[2]) else { return nil }
        let formatter = DateFormatter()
        formatter.dateFormat = "HH:mm:ss"
        return "pid \(parts[0]) on \(parts[1]) since \(formatter.string(from: Date(timeIntervalSince1970: seconds)))"
    }

    /// Removes claim files nobody holds (left by processes that ended); returns how many.
    @discardableResult
    static func removeStale(in cacheDirectory: URL) -> Int {
        let folder = cacheDirectory.appendingPathComponent("claims")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return 0 }
        var removed = 0
        for name in names where name.hasSuffix(".claim") {
            if let claim = try? tryClaim(String(name.dropLast(6)), in: cacheDirectory) {
                claim.release()
                removed += 1
            }
        }
        return removed
    }

    private static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        let name = String(cString: buffer)
        return name.isEmpty ? "unknown-host" : name.replacingOccurrences(of: " ", with: "_")
    }()
}
