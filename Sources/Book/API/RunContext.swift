import Foundation
import Datasets

/// What a running experiment may use from the engine: progress reporting, a shared memo for
/// values several runs reuse, and the digests of files and data sources.
public final class RunContext: @unchecked Sendable {
    private let lock = NSLock()
    private var digests: [String: String] = [:]
    private let report: @Sendable (RunProgress) -> Void
    private let parent: RunContext?

    /// Where file digests are remembered across builds (keyed by path, size and modification time).
    private let digestStore: URL?

    /// A context for a build (tests may make one to call a kind directly).
    public convenience init() { self.init(parent: nil, digestStore: nil, report: { _ in }) }

    /// A context that remembers file digests in `digestStore` across builds.
    convenience init(digestStore: URL) { self.init(parent: nil, digestStore: digestStore, report: { _ in }) }

    private init(parent: RunContext?, digestStore: URL?, report: @escaping @Sendable (RunProgress) -> Void) {
        self.parent = parent
        self.digestStore = digestStore
        self.report = report
    }

    /// A context for one run of the same build whose progress goes to `report`.
    func forRun(_ report: @escaping @Sendable (RunProgress) -> Void) -> RunContext {
        RunContext(parent: root, digestStore: nil, report: report)
    }

    private var root: RunContext { parent?.root ?? self }

    /// Reports training progress (shown on a terminal, logged otherwise).
    public func progress(_ progress: RunProgress) { report(progress) }

    /// A value shared by every run in this process (for example one training whose layers several
    /// runs report); the key must name everything the value depends on. Data sets are cached by
    /// their ``DataSource`` instead (`loadCached()`).
    public func shared<T: Sendable>(_ key: String, _ make: () throws -> T) rethrows -> T {
        try SharedValues.store.value(key, make)
    }

    /// Every file digested so far (path → SHA-256), for the reproducibility page.
    var fileDigests: [String: String] {
        let r = root
        r.lock.lock(); defer { r.lock.unlock() }
        return r.digests
    }

    /// The digest of the data `sources` describe: SHA-256 over each source's recipe and the bytes
    /// of its files (named by file name, never by folder, so other machines agree).
    public func digest(of sources: [any DataSource]) throws -> String {
        var text = "memgen-data v1\n"
        for source in sources {
            text += "source \(source.recipe)\n"
            for file in source.files { text += "file \((file as NSString).lastPathComponent) \(try fileDigest(file))\n" }
        }
        return SHA256.hex(text)
    }

    /// The SHA-256 of a file's bytes (memoised per build).
    public func fileDigest(_ path: String) throws -> String {
        let r = root
        r.lock.lock()
        if let d = r.digests[path] { r.lock.unlock(); return d }
        r.lock.unlock()
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, let modified = attributes[.modificationDate] as? Date else {
            throw BookError("cannot read \(path) (needed for the data-set digest)")
        }
        let id = SHA256.hex("\(path)\n\(size)\n\(modified.timeIntervalSince1970)")
        let memo = r.digestStore?.appendingPathComponent(id)
        let digest = try SharedValues.store.value("file digest \(id)") { () throws -> String in
            if let memo, let text = try? String(contentsOf: memo, encoding: .utf8), text.count == 64 { return text }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw BookError("cannot read \(path) (needed for the data-set digest)")
            }
            return SHA256.hex(data)
        }
        if let memo, !FileManager.default.fileExists(atPath: memo.path) { try? AtomicFile.write(Data(digest.utf8), to: memo) }
        r.lock.lock()
        r.digests[path] = digest
        r.lock.unlock()
        return digest
    }
}
