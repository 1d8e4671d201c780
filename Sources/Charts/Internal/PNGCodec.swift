import CPNG

/// The package's only libpng file: encodes and decodes 8-bit images through libpng's simplified
/// `png_image` API (which reports errors by return value, so no setjmp is needed from Swift).
///
/// The encoder writes only IHDR, IDAT and IEND (plus what libpng always writes for sRGB data);
/// it never writes a tIME chunk, so the same pixels always give the same bytes.
enum PNGCodec {
    /// Encodes `(height, width, channels)` 8-bit pixels, channels 3 (RGB) or 4 (RGBA).
    static func encode(width: Int, height: Int, channels: Int, pixels: [UInt8]) throws(ChartError) -> [UInt8] {
        guard width > 0, height > 0, channels == 3 || channels == 4, pixels.count == width * height * channels else {
            throw ChartError.pngFailure("cannot encode \(width)×\(height)×\(channels) from \(pixels.count) bytes")
        }
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        image.width = png_uint_32(width)
        image.height = png_uint_32(height)
        image.format = png_uint_32(channels == 4 ? PNG_FORMAT_RGB | PNG_FORMAT_FLAG_ALPHA : PNG_FORMAT_RGB)
        var size: png_alloc_size_t = 0
        let stride = png_int_32(width * channels)
        let ok1 = pixels.withUnsafeBytes { buf in
            png_image_write_to_memory(&image, nil, &size, 0, buf.baseAddress, stride, nil)
        }
        guard ok1 != 0, size > 0 else { throw ChartError.pngFailure(message(&image, "sizing")) }
        var out = [UInt8](repeating: 0, count: Int(size))
        let ok2 = out.withUnsafeMutableBytes { dst in
            pixels.withUnsafeBytes { buf in
                png_image_write_to_memory(&image, dst.baseAddress, &size, 0, buf.baseAddress, stride, nil)
            }
        }
        guard ok2 != 0 else { throw ChartError.pngFailure(message(&image, "encoding")) }
        png_image_free(&image)
        return Array(out.prefix(Int(size)))
    }

    /// Decodes any PNG into 8-bit RGBA `(height, width, 4)`.
    static func decode(_ bytes: [UInt8]) throws(ChartError) -> (width: Int, height: Int, rgba: [UInt8]) {
        var image = png_image()
        image.version = png_uint_32(PNG_IMAGE_VERSION)
        let ok = bytes.withUnsafeBytes { buf in
            png_image_begin_read_from_memory(&image, buf.baseAddress, buf.count)
        }
        guard ok != 0 else { throw ChartError.pngFailure(message(&image, "reading header")) }
        image.format = png_uint_32(PNG_FORMAT_RGB | PNG_FORMAT_FLAG_ALPHA)
        let w = Int(image.width), h = Int(image.height)
        var rgba = [UInt8](repeating: 0, count: w * h * 4)
        let ok2 = rgba.withUnsafeMutableBytes { dst in
            png_image_finish_read(&image, nil, dst.baseAddress, 0, nil)
        }
        guard ok2 != 0 else { throw ChartError.pngFailure(message(&image, "decoding")) }
        return (w, h, rgba)
    }

    private static func message(_ image: inout png_image, _ stage: String) -> String {
        let text = withUnsafeBytes(of: &image.message) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        png_image_free(&image)
        return "libpng \(stage): \(text)"
    }
}
