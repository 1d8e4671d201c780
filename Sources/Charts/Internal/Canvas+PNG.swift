extension Canvas {
    /// The finished canvas as PNG bytes (8-bit RGB, no metadata that varies between runs).
    func encodePNG() throws -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        pixels.withUnsafeBufferPointer { p in
            for i in 0..<rgb.count { rgb[i] = UInt8(min(max(p[i], 0), 1) * 255 + 0.5) }
        }
        return try PNGCodec.encode(width: width, height: height, channels: 3, pixels: rgb)
    }
}
