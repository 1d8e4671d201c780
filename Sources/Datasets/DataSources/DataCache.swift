import Foundation

/// The data sets loaded so far in this process, by source: several runs (and, in tests, several
/// builds) reading the same data load it once. An entry also remembers the size and modification
/// time of the source's files, so a file rewritten in place is read again.
public final class DataCache: @unchecked Sendable {
    /// The process-wide cache.
    public static let shared = DataCache()
    private let lock = NSLock()
    private var values: [AnyHashable: Any] = [:]

    /// The value for `source`, made by `make` when absent or when its files changed.
    public func value<Source: DataSource>(for source: Source, _ make: () throws -> Source.Loaded) throws -> Source.Loaded {
        let stamp = source.files.map { path -> String in
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            let size = attributes?[.size] as? Int ?? -1
            let modified = (attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? -1
            return "\(size) \(modified)"
        }
        let key = AnyHashable([AnyHashable(source), AnyHashable(stamp)])
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] as? Source.Loaded { return value }
        let value = try make()
        values[key] = value
        return value
    }
}
