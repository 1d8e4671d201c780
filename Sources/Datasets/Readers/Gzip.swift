import CZlib
import Foundation

/// The one file that calls zlib: reads a file, inflating it if it is gzip-compressed.
enum Gzip {
    /// The bytes of the file at `path`, decompressed if they start with the gzip magic `1f 8b`.
    static func readFile(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DatasetError.missingFile(path: path)
        }
        let bytes = [UInt8](data)
        guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
        return try inflate(bytes, path: path)
    }

    /// Inflates a complete gzip stream (several members are concatenated, as gzip does).
    static func inflate(_ input: [UInt8], path: String) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(input.count * 4)
        var stream = z_stream()
        // windowBits 15 + 32: accept a gzip or zlib header.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError.corrupt(path: path, reason: "zlib could not start inflating")
        }
        defer { inflateEnd(&stream) }
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var status: Int32 = Z_OK
        try input.withUnsafeBufferPointer { src in
            stream.next_in = UnsafeMutablePointer(mutating: src.baseAddress!)
            stream.avail_in = uInt(src.count)
            repeat {
                let produced: Int = try chunk.withUnsafeMutableBufferPointer { dst in
                    stream.next_out = dst.baseAddress!
                    stream.avail_out = uInt(dst.count)
                    status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    if status == Z_STREAM_END && stream.avail_in > 0 {
                        // Another gzip member follows.
                        let produced = dst.count - Int(stream.avail_out)
                        guard inflateReset(&stream) == Z_OK else {
                            throw DatasetError.corrupt(path: path, reason: "zlib could not reset between members")
                        }
                        status = Z_OK
                        return produced
                    }
                    if status == Z_BUF_ERROR && stream.avail_in == 0 {
                        throw DatasetError.corrupt(path: path, reason: "the gzip stream ends early (truncated file)")
                    }
                    guard status == Z_OK || status == Z_STREAM_END else {
                        let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                        throw DatasetError.corrupt(path: path, reason: "gzip data: \(message)")
                    }
                    return dst.count - Int(stream.avail_out)
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0 {
                    // All input consumed, output not full, no stream end: the file was cut short.
                    throw DatasetError.corrupt(path: path, reason: "the gzip stream ends early (truncated file)")
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}

extension Gzip {
    /// Compresses `bytes` into a single gzip member (used to write caches and test files).
    static func compress(_ bytes: [UInt8], level: Int32 = 6) throws -> [UInt8] {
        var stream = z_stream()
        // windowBits 15 + 16: write a gzip header and trailer.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                            ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DatasetError.corrupt(path: "<memory>", reason: "zlib could not start deflating")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 32)
        var input = bytes
        let status: Int32 = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw DatasetError.corrupt(path: "<memory>", reason: "gzip compression failed (\(status))")
        }
        output.removeLast(Int(stream.avail_out))
        return output
    }
}
