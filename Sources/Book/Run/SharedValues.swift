import Foundation

/// Values shared across builds in one process (tests run many builds), guarded by a lock.
final class SharedValues: @unchecked Sendable {
    static let store = SharedValues()
    private let lock = NSLock()
    private var values: [String: Any] = [:]

    func value<T>(_ key: String, _ make: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        if let value = values[key] as? T { return value }
        let value = try make()
        values[key] = value
        return value
    }
}
