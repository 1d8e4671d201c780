import Foundation

/// Writes bytes to a file, creating the parent directory if needed.
func writeFile(_ bytes: [UInt8], to path: String) throws {
    let url = URL(fileURLWithPath: path)
    do {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    } catch {
        throw ChartError.writeFailed("\(path): \(error.localizedDescription)")
    }
}
