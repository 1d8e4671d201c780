import Foundation

/// A build-wide memo of expensive intermediate results that several runs of one experiment share
/// (for example one training whose layers are reported by separate runs). Each key is computed
/// once; runs asking for other keys are not blocked meanwhile.
final class RunMemo: @unchecked Sendable {
    private final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var value: Any?
    }
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    /// The memo shared by every run of the build that `context` belongs to.
    static func shared(in context: RunContext, name: String) -> RunMemo {
        context.shared("run memo: \(name)") { RunMemo() }
    }

    /// The value for `key`, computed by `make` on first use (later callers wait for it).
    func value<T>(_ key: String, _ make: () throws -> T) throws -> T {
        lock.lock()
        let entry = entries[key] ?? Entry()
        entries[key] = entry
        lock.unlock()
        entry.lock.lock()
        defer { entry.lock.unlock() }
        if let value = entry.value as? T { return value }
        let value = try make()
        entry.value = value
        return value
    }
}
