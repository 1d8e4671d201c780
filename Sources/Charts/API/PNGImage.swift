import Foundation

/// An 8-bit RGBA image, as encoded to or decoded from PNG.
///
/// Tests decode rendered plots with `PNGImage.decode` to check sizes and pixel colours.
public struct PNGImage: Hashable, Sendable, Codable {
    /// Width and height in pixels.
    public let width: Int, height: Int
    /// Row-major `(height, width, 4)` RGBA bytes.
    public let rgba: [UInt8]

    /// Creates an image from RGBA bytes; throws if the count does not match the size.
    public init(width: Int, height: Int, rgba: [UInt8]) throws {
        guard width > 0, height > 0, rgba.count == width * height * 4 else {
            throw ChartError.invalidParameter("PNGImage \(width)×\(height) needs \(width * height * 4) bytes, got \(rgba.count)")
        }
        self.width = width; self.height = height; self.rgba = rgba
    }

    /// Decodes PNG bytes through libpng.
    public static func decode(_ bytes: [UInt8]) throws -> PNGImage {
        let d = try PNGCodec.decode(bytes)
        return try PNGImage(width: d.width, height: d.height, rgba: d.rgba)
    }

    /// Reads and decodes a PNG file.
    public static func read(from path: String) throws -> PNGImage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ChartError.pngFailure("cannot read \(path)")
        }
        return try decode([UInt8](data))
    }

    /// Encodes through libpng (RGB when every pixel is opaque, RGBA otherwise); deterministic.
    public func encode() throws -> [UInt8] {
        var opaque = true
        for i in stride(from: 3, to: rgba.count, by: 4) where rgba[i] != 255 { opaque = false; break }
        if !opaque { return try PNGCodec.encode(width: width, height: height, channels: 4, pixels: rgba) }
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            rgb[3 * i] = rgba[4 * i]; rgb[3 * i + 1] = rgba[4 * i + 1]; rgb[3 * i + 2] = rgba[4 * i + 2]
        }
        return try PNGCodec.encode(width: width, height: height, channels: 3, pixels: rgb)
    }

    /// The RGBA components of pixel `(x, y)`.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8, a: UInt8) {
        let i = 4 * (y * width + x)
        return (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3])
    }
}
