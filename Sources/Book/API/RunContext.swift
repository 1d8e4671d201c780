import Foundation

/// What a running experiment may use from the engine: progress reporting, a shared memo for data
/// loaded by several runs, and file digests.
public final class RunContext: @unchecked Sendable {
    private let lock = NSLock()
    private var memo: [String: Any] = [:]
    private var digests: [String: String] = [:]
    private let report: @Sendable (RunProgress) -> Void
    private let parent: RunContext?

    /// A context for a build (tests may make one to call a kind directly).
    public convenience init() { self.init(parent: nil, report: { _ in }) }

    private init(parent: RunContext?, report: @escaping @Sendable (RunProgress) -> Void) {
        self.parent = parent
        self.report = report
    }

    /// A context for one run of the same build whose progress goes to `report`.
    func forRun(_ report: @escaping @Sendable (RunProgress) -> Void) -> RunContext {
        RunContext(parent: root, report: report)
    }

    private var root: RunContext { parent?.root ?? self }

    /// Reports training progress (shown on a terminal, logged otherwise).
    public func progress(_ progress: RunProgress) { report(progress) }

    /// A value shared by every run of the build (for example a data set loaded once).
    public func shared<T: Sendable>(_ key: String, _ make: () throws -> T) rethrows -> T {
        let r = root
        r.lock.lock()
        defer { r.lock.unlock() }
        if let value = r.memo[key] as? T { return value }
        let value = try make()
        r.memo[key] = value
        return value
    }

    /// Every file digested so far (path → SHA-256), for the reproducibility page.
    var fileDigests: [String: String] {
        let r = root
        r.lock.lock(); defer { r.lock.unlock() }
        return r.digests
    }

    /// The SHA-256 of a file's bytes (memoised per build).
    public func fileDigest(_ path: String) throws -> String {
        let r = root
        r.lock.lock()
        if let d = r.digests[path] { r.lock.unlock(); return d }
        r.lock.unlock()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw BookError("cannot read \(path) (needed for the data-set digest)")
        }
        let digest = SHA256.hex(data)
        r.lock.lock()
        r.digests[path] = digest
        r.lock.unlock()
        return digest
    }
}

/// An error of the build itself (not tied to a chapter line).
public struct BookError: Error, Sendable, CustomStringConvertible {
    public var description: String
    /// An error with a message.
    public init(_ description: String) { self.description = description }
}
