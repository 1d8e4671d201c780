import Charts
import Foundation

/// Rendered figures, kept beside the result cache so that a build in which nothing changed does not
/// draw every plot again.
///
/// The key is the SHA-256 of the plot description (JSON, keys sorted), its size, and the identity of
/// the running executable (size and modification time): a rebuilt renderer never reuses old
/// pictures, and the same renderer gives the same bytes from the cache as it would by drawing.
struct FigureCache {
    let directory: URL

    /// PNG bytes of `chart` at `width`×`height` logical pixels and `scale` in `appearance`, from the
    /// cache or drawn.
    func png<C: Chart & Encodable>(_ chart: C, width: Int, height: Int, scale: Int = 2, appearance: Appearance = .light) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        guard var key = try? encoder.encode(chart) else {
            return try chart.renderPNG(width: width, height: height, scale: scale, appearance: appearance)
        }
        key.append(Data("\n\(C.self) \(width)x\(height)@\(scale) \(FigureCache.rendererIdentity)".utf8))
        if appearance != .light { key.append(Data(" \(appearance.rawValue)".utf8)) }
        let url = directory.appendingPathComponent(SHA256.hex(key) + ".png")
        if let cached = FileManager.default.contents(atPath: url.path), FigureCache.isCompletePNG(cached) {
            return [UInt8](cached)
        }
        let png = try chart.renderPNG(width: width, height: height, scale: scale, appearance: appearance)
        try? AtomicFile.write(Data(png), to: url)  // a cache that cannot be written only costs time
        return png
    }

    /// The running executable's size and modification time ("" where they cannot be read, which
    /// still keys pictures by their description).
    static let rendererIdentity: String = {
        // /proc/self/exe is a link made afresh for each process: read the file it points to.
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"),
              let attributes = try? FileManager.default.attributesOfItem(atPath: executable),
              let size = attributes[.size] as? NSNumber,
              let modified = attributes[.modificationDate] as? Date else { return "" }
        return "\(size.int64Value)-\(modified.timeIntervalSince1970)"
    }()

    /// A PNG signature at the start and an IEND chunk at the end.
    static func isCompletePNG(_ data: Data) -> Bool {
        let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let iend: [UInt8] = [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
        return data.count > 20 && Array(data.prefix(8)) == signature && Array(data.suffix(8)) == iend
    }
}
