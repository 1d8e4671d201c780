import CFreeType
import Foundation

/// The package's only FreeType file: loads DejaVu Sans (regular and bold) and turns characters
/// into anti-aliased coverage bitmaps, converted to Swift values at once.
///
/// FreeType faces are not thread-safe, so every call takes a lock; glyphs are cached per
/// (character, size, weight), which makes repeated tick labels cheap.
final class FontRasterizer: @unchecked Sendable {
    /// A rendered glyph: 8-bit coverage rows plus placement relative to the pen on the baseline.
    struct Glyph {
        let width: Int
        let rows: Int
        let left: Int        // bitmap left edge relative to the pen, device pixels
        let top: Int         // bitmap top edge above the baseline, device pixels
        let advance: Double  // pen advance, device pixels
        let index: UInt32    // glyph index, for kerning
        let coverage: [UInt8]
    }

    /// Vertical metrics for one size, in device pixels.
    struct Metrics { let ascender: Double; let descender: Double }

    /// Where the fonts come from (Debian package fonts-dejavu-core).
    static let regularPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
    static let boldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

    /// The process-wide rasterizer, or the error explaining why fonts could not be loaded.
    static let shared: Result<FontRasterizer, ChartError> = Result { () throws(ChartError) in try FontRasterizer() }

    private let lock = NSLock()
    private var library: FT_Library?
    private var regular: FT_Face?
    private var bold: FT_Face?
    private struct Key: Hashable { let scalar: UInt32; let size64: Int; let bold: Bool }
    private var cache: [Key: Glyph] = [:]
    private var currentSize: [Bool: Int] = [:]

    /// Loads the two faces; the paths are parameters so tests can check the missing-font error.
    init(regularPath: String = FontRasterizer.regularPath, boldPath: String = FontRasterizer.boldPath) throws(ChartError) {
        var lib: FT_Library?
        guard FT_Init_FreeType(&lib) == 0, let lib else {
            throw ChartError.fontUnavailable("FreeType failed to initialise")
        }
        library = lib
        regular = try Self.openFace(lib, regularPath)
        bold = try Self.openFace(lib, boldPath)
    }

    deinit {
        if let regular { FT_Done_Face(regular) }
        if let bold { FT_Done_Face(bold) }
        if let library { FT_Done_FreeType(library) }
    }

    private static func openFace(_ lib: FT_Library, _ path: String) throws(ChartError) -> FT_Face {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ChartError.fontUnavailable("\(path) not found; install the Debian package fonts-dejavu-core (make deps)")
        }
        var face: FT_Face?
        guard FT_New_Face(lib, path, 0, &face) == 0, let face else {
            throw ChartError.fontUnavailable("FreeType could not open \(path)")
        }
        return face
    }

    private func face(bold isBold: Bool, size64: Int) -> FT_Face {
        let f = (isBold ? bold : regular)!
        if currentSize[isBold] != size64 {
            FT_Set_Char_Size(f, 0, FT_F26Dot6(size64), 72, 72)
            currentSize[isBold] = size64
        }
        return f
    }

    /// Ascender and descender (negative) for a pixel size.
    func metrics(pixelSize: Double, bold isBold: Bool) -> Metrics {
        lock.lock(); defer { lock.unlock() }
        let f = face(bold: isBold, size64: Int((pixelSize * 64).rounded()))
        let m = f.pointee.size.pointee.metrics
        return Metrics(ascender: Double(m.ascender) / 64, descender: Double(m.descender) / 64)
    }

    /// The rendered glyph for a character (missing characters render as the font's .notdef box).
    func glyph(_ scalar: Unicode.Scalar, pixelSize: Double, bold isBold: Bool) -> Glyph {
        lock.lock(); defer { lock.unlock() }
        let size64 = Int((pixelSize * 64).rounded())
        let key = Key(scalar: scalar.value, size64: size64, bold: isBold)
        if let g = cache[key] { return g }
        let f = face(bold: isBold, size64: size64)
        let index = FT_Get_Char_Index(f, FT_ULong(scalar.value))
        // Light hinting (vertical only) keeps shapes faithful; FT_LOAD_RENDER gives 8-bit coverage.
        let loadTargetLight: Int32 = 1 << 16
        var g = Glyph(width: 0, rows: 0, left: 0, top: 0, advance: 0, index: index, coverage: [])
        if FT_Load_Glyph(f, index, Int32(FT_LOAD_RENDER) | loadTargetLight) == 0, let slot = f.pointee.glyph {
            let bm = slot.pointee.bitmap
            let w = Int(bm.width), h = Int(bm.rows), pitch = Int(bm.pitch)
            var cov = [UInt8](repeating: 0, count: w * h)
            if let buf = bm.buffer, w > 0, h > 0 {
                for r in 0..<h {
                    for c in 0..<w { cov[r * w + c] = buf[r * pitch + c] }
                }
            }
            g = Glyph(width: w, rows: h, left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                      advance: Double(slot.pointee.advance.x) / 64, index: index, coverage: cov)
        }
        cache[key] = g
        return g
    }

    /// Horizontal kerning between two glyph indices, in device pixels.
    func kerning(_ left: UInt32, _ right: UInt32, pixelSize: Double, bold isBold: Bool) -> Double {
        lock.lock(); defer { lock.unlock() }
        let f = face(bold: isBold, size64: Int((pixelSize * 64).rounded()))
        let hasKerning = (f.pointee.face_flags & 64) != 0   // FT_FACE_FLAG_KERNING
        guard hasKerning, left != 0, right != 0 else { return 0 }
        var v = FT_Vector()
        guard FT_Get_Kerning(f, left, right, FT_UInt(FT_KERNING_DEFAULT.rawValue), &v) == 0 else { return 0 }
        return Double(v.x) / 64
    }
}
