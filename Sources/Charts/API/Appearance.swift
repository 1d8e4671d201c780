/// The colour scheme a chart is drawn for: dark text on white paper, or light text on a dark page.
///
/// The dark appearance mirrors every achromatic colour (white, greys, black) in lightness, so the
/// background turns dark and text, spines and grid lines turn light, while hues stay as they are:
/// a series drawn in Okabe–Ito blue is the same blue in both figures, so a chapter that names a
/// colour stays true for readers of either theme. Pixel images (`ImageGrid`) are copied unchanged.
///
/// ```swift
/// let light = try plot.renderPNG()
/// let dark = try plot.renderPNG(width: 640, height: 400, scale: 2, appearance: .dark)
/// ```
public enum Appearance: String, Hashable, Sendable, Codable, CaseIterable {
    /// Dark ink on a white background (the default; what prints).
    case light
    /// Light ink on a near-black background, for `prefers-color-scheme: dark`.
    case dark

    /// The appearance charts are drawn in, set for the duration of one render.
    @TaskLocal static var current: Appearance = .light

    /// The background grey of dark figures (#1B1B1B) and the lightest ink on it (#E6E6E6).
    static let darkBackground = 0.106, darkInk = 0.902

    /// The colour actually drawn for `color`: unchanged in the light appearance; in the dark one,
    /// achromatic colours are mapped linearly so white becomes the dark background and black the
    /// light ink (linear, so anti-aliased edges stay consistent).
    func resolve(_ color: Color) -> Color {
        guard self == .dark else { return color }
        let hi = max(color.red, color.green, color.blue), lo = min(color.red, color.green, color.blue)
        guard hi - lo < 0.03 else { return color }
        let v = Self.darkBackground + (1 - (hi + lo) / 2) * (Self.darkInk - Self.darkBackground)
        return Color(red: v, green: v, blue: v, alpha: color.alpha)
    }
}

extension Chart {
    /// Renders to PNG bytes in the given appearance (see `renderPNG(width:height:scale:)`).
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2, appearance: Appearance) throws -> [UInt8] {
        try Appearance.$current.withValue(appearance) { try renderPNG(width: width, height: height, scale: scale) }
    }

    /// Renders in the given appearance and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2, appearance: Appearance) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale, appearance: appearance), to: path)
    }
}
