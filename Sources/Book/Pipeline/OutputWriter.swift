import Foundation

/// Writes the rendered site into the output folder: each file by temporary file + rename (only when
/// its bytes changed), then removes files a previous build wrote that this one no longer produces.
struct OutputWriter {
    let directory: URL
    static let manifestName = ".memgen-manifest"

    /// Writes `files` (relative path → bytes); returns the paths that changed. A `partial` write
    /// (some chapters only) removes nothing and keeps the previous build's files in the manifest.
    func write(_ files: [String: Data], partial: Bool = false) throws -> [String] {
        for path in files.keys { try OutputWriter.checkInside(path) }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        AtomicFile.removeLeftovers(under: directory)
        // Every changed file is first written beside its destination; only when all are written are
        // they renamed into place, so a failed write (a full disk, a file in the way) changes nothing.
        var staged: [(path: String, temp: URL)] = []
        do {
            for path in files.keys.sorted() {
                let url = directory.appendingPathComponent(path)
                if let existing = FileManager.default.contents(atPath: url.path), existing == files[path]! { continue }
                staged.append((path, try AtomicFile.stage(files[path]!, for: url)))
            }
        } catch {
            for s in staged { try? FileManager.default.removeItem(at: s.temp) }
            throw error
        }
        var changed: [String] = []
        for (i, s) in staged.enumerated() {
            do { try AtomicFile.commit(s.temp, to: directory.appendingPathComponent(s.path)) } catch {
                for rest in staged[(i + 1)...] { try? FileManager.default.removeItem(at: rest.temp) }
                throw error
            }
            changed.append(s.path)
        }
        let manifestURL = directory.appendingPathComponent(OutputWriter.manifestName)
        var manifest = Set(files.keys)
        if let old = try? String(contentsOf: manifestURL, encoding: .utf8) {
            for path in old.split(separator: "\n").map(String.init) where files[path] == nil {
                guard (try? OutputWriter.checkInside(path)) != nil else { continue }
                if partial {
                    manifest.insert(path)
                } else {
                    try? FileManager.default.removeItem(at: directory.appendingPathComponent(path))
                }
            }
        }
        try AtomicFile.update(Data((manifest.sorted().joined(separator: "\n") + "\n").utf8), at: manifestURL)
        return changed
    }

    /// Refuses paths that could leave the output folder.
    static func checkInside(_ path: String) throws {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.hasPrefix("/"), !parts.contains(".."), !parts.contains(""), !path.contains("\\") else {
            throw BookError("refusing to write '\(path)': output paths must stay inside the output folder")
        }
    }

    /// Removes the files listed in the manifest of a previous build; returns how many.
    func removeGenerated() throws -> Int {
        let manifestURL = directory.appendingPathComponent(OutputWriter.manifestName)
        guard let old = try? String(contentsOf: manifestURL, encoding: .utf8) else { return 0 }
        var count = 0
        for path in old.split(separator: "\n").map(String.init) {
            guard (try? OutputWriter.checkInside(path)) != nil else { continue }
            if (try? FileManager.default.removeItem(at: directory.appendingPathComponent(path))) != nil { count += 1 }
        }
        try FileManager.default.removeItem(at: manifestURL)
        return count
    }
}
