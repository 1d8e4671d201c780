import Foundation

/// Writes files so that readers see either the old or the new content, never a part:
/// a uniquely named temporary file in the same folder, then `rename(2)`.
enum AtomicFile {
    /// Writes `data` to `url`, creating folders as needed.
    static func write(_ data: Data, to url: URL) throws {
        try commit(try stage(data, for: url), to: url)
    }

    /// Writes `data` to a temporary file beside `url` (creating folders as needed) and returns it;
    /// ``commit(_:to:)`` moves it into place. Nothing is left behind when writing fails.
    static func stage(_ data: Data, for url: URL) throws -> URL {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".tmp-\(getpid())@\(hostName)@\(UUID().uuidString)")
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
        return temp
    }

    /// Moves a staged temporary file to `url` in one `rename(2)`.
    static func commit(_ temp: URL, to url: URL) throws {
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw BookError("cannot move \(temp.path) to \(url.path): \(reason)")
        }
    }

    /// This machine's name, in temporary file names (`@` and `/` replaced).
    static let hostName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "unknown-host" }
        let name = String(cString: buffer).replacingOccurrences(of: "@", with: "_").replacingOccurrences(of: "/", with: "_")
        return name.isEmpty ? "unknown-host" : name
    }()

    /// Writes `data` only when the file's content differs (keeps unchanged files untouched).
    /// Returns whether the file was written.
    @discardableResult
    static func update(_ data: Data, at url: URL) throws -> Bool {
        if let existing = FileManager.default.contents(atPath: url.path), existing == data { return false }
        try write(data, to: url)
        return true
    }

    /// Removes temporary files under `folder` that an interrupted build left behind (its process is
    /// gone, or the file is older than a minute; a concurrent build's files in flight are left
    /// alone). Returns how many.
    @discardableResult
    static func removeLeftovers(under folder: URL) -> Int {
        guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]) else { return 0 }
        var removed = 0
        for case let url as URL in e where url.lastPathComponent.hasPrefix(".tmp-") {
            let modified = (try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            // `.tmp-<pid>@<host>@…`: a process that no longer exists (killed mid-write) will never
            // finish it. A pid says nothing about another machine sharing the folder (a cluster's
            // cache): its files are left to the age rule.
            let parts = url.lastPathComponent.dropFirst(5).split(separator: "@")
            let pid = parts.first?.prefix(while: \.isNumber) ?? ""
            let local = parts.count < 3 || parts[1] == hostName
            let writerGone = local && (Int32(pid).map { kill($0, 0) != 0 && errno == ESRCH } ?? false)
            if writerGone || Date().timeIntervalSince(modified) > 60, (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }
}
