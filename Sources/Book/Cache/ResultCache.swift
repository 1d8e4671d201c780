import Foundation

/// A content-addressed store of run results: `runs/<2 hex>/<key>.json`, each file ending in a
/// checksum line. Entries are immutable and written by temporary file + rename, so several builds
/// (or machines sharing the folder) never see half-written entries and need no lock.
struct ResultCache: Sendable {
    let directory: URL
    private static let trailer = "\n#sha256 "

    init(directory: URL) { self.directory = directory }

    private func url(for key: String) -> URL {
        directory.appendingPathComponent("runs").appendingPathComponent(String(key.prefix(2)))
            .appendingPathComponent("\(key).json")
    }

    /// The state of an entry.
    enum Lookup: Sendable {
        case hit(RunResult)
        case miss
        /// Present but unreadable, truncated, or with a wrong checksum (it will be re-run).
        case corrupt(String)
    }

    /// Reads and verifies the entry for `key`.
    func lookup(_ key: String) -> Lookup {
        let path = url(for: key).path
        guard FileManager.default.fileExists(atPath: path) else { return .miss }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return .corrupt("unreadable")
        }
        guard let r = text.range(of: ResultCache.trailer, options: .backwards) else { return .corrupt("no checksum line") }
        let body = String(text[..<r.lowerBound])
        let sum = text[r.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
        guard SHA256.hex(body) == sum else { return .corrupt("checksum mismatch") }
        guard let result = try? ResultCache.decoder.decode(RunResult.self, from: Data(body.utf8)) else { return .corrupt("undecodable JSON") }
        guard result.provenance.key == key else { return .corrupt("entry belongs to another key") }
        return .hit(result)
    }

    /// Stores `result` under its key unless a valid entry is already there.
    func store(_ result: RunResult) throws {
        let key = result.provenance.key
        if case .hit = lookup(key) { return }
        let body = String(decoding: try ResultCache.encoder.encode(result), as: UTF8.self)
        let text = body + ResultCache.trailer + SHA256.hex(body) + "\n"
        try AtomicFile.write(Data(text.utf8), to: url(for: key))
    }

    /// Deletes every entry.
    func clear() throws {
        let runs = directory.appendingPathComponent("runs")
        if FileManager.default.fileExists(atPath: runs.path) { try FileManager.default.removeItem(at: runs) }
    }

    /// Deletes the entries whose key satisfies `shouldRemove`; returns how many and their bytes.
    func removeEntries(where shouldRemove: (String) -> Bool) throws -> (count: Int, bytes: Int) {
        let runs = directory.appendingPathComponent("runs")
        guard let e = FileManager.default.enumerator(at: runs, includingPropertiesForKeys: [.fileSizeKey]) else { return (0, 0) }
        var count = 0, bytes = 0
        for case let url as URL in e where url.pathExtension == "json" && shouldRemove(url.deletingPathExtension().lastPathComponent) {
            let size = (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
            try FileManager.default.removeItem(at: url)
            count += 1
            bytes += size
        }
        return (count, bytes)
    }

    /// The number of entries and their total size in bytes.
    func usage() -> (entries: Int, bytes: Int) {
        let runs = directory.appendingPathComponent("runs")
        guard let e = FileManager.default.enumerator(at: runs, includingPropertiesForKeys: [.fileSizeKey]) else { return (0, 0) }
        var count = 0, bytes = 0
        for case let url as URL in e where url.pathExtension == "json" {
            count += 1
            bytes += (try? url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0
        }
        return (count, bytes)
    }

    static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return d
    }

    static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return e
    }
}
