import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches the chapters folder with inotify and reports the names of files that were saved,
/// created, moved or deleted, in batches: after the first event it waits `quiet` seconds for more
/// (an editor's save is often several events), then calls `changed` once with every name.
final class ChapterWatcher: @unchecked Sendable {
    private let descriptor: Int32
    private let quiet: TimeInterval
    private let changed: @Sendable (Set<String>) -> Void
    private let lock = NSLock()
    private var stopped = false
    private var thread: Thread?

    /// Starts watching `directory`; throws when inotify cannot watch it.
    init(directory: URL, quiet: TimeInterval = 0.15, changed: @escaping @Sendable (Set<String>) -> Void) throws {
        descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { throw PreviewError("inotify_init1: \(String(cString: strerror(errno)))") }
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE)
        guard inotify_add_watch(descriptor, directory.path, mask) >= 0 else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw PreviewError("cannot watch \(directory.path): \(reason)")
        }
        self.quiet = quiet
        self.changed = changed
        let thread = Thread { [weak self] in self?.loop() }
        thread.name = "memgen chapter watcher"
        self.thread = thread
        thread.start()
    }

    deinit { stop() }

    /// Stops watching (the watcher thread ends within a poll interval).
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped { close(descriptor) }
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func loop() {
        var pending: Set<String> = []
        var deadline: Date?
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !isStopped {
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let waitMS: Int32 = deadline.map { Int32(max(0, $0.timeIntervalSinceNow * 1000)) } ?? 200
            if poll(&poller, 1, min(waitMS, 200)) > 0, poller.revents & Int16(POLLIN) != 0 {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if count > 0 {
                    pending.formUnion(ChapterWatcher.names(in: buffer, count: count))
                    deadline = Date().addingTimeInterval(quiet)
                }
            }
            if let d = deadline, Date() >= d {
                let batch = pending.filter(ChapterWatcher.matters)
                pending = []
                deadline = nil
                if !batch.isEmpty && !isStopped { changed(batch) }
            }
        }
    }

    /// Files whose change affects the book: chapters, the book's settings, its bibliography.
    static func matters(_ name: String) -> Bool {
        !name.hasPrefix(".") && (name.hasSuffix(".md") || name == "book.yml" || name.hasSuffix(".bib"))
    }

    /// The file names in a buffer of `inotify_event` records (each a header, then `len` name bytes).
    static func names(in buffer: [UInt8], count: Int) -> Set<String> {
        var names: Set<String> = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let length = buffer.withUnsafeBytes { Int($0.load(fromByteOffset: offset + 12, as: UInt32.self)) }
            let start = offset + header
            if length > 0, start + length <= count {
                let bytes = buffer[start..<(start + length)].prefix { $0 != 0 }
                names.insert(String(decoding: bytes, as: UTF8.self))
            }
            offset = start + length
        }
        return names
    }
}

/// A preview server error, said plainly.
public struct PreviewError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
