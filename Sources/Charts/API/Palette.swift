/// Colour-blind-safe categorical colours for series, groups and layers.
///
/// The colours are the Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008), ordered so
/// that the first few are the most distinct on white paper; yellow comes last because it has low
/// contrast against white.
public enum Palette {
    /// Okabe–Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue, black, yellow.
    public static let okabeIto: [Color] = [
        Color(hex: 0x0072B2), // blue
        Color(hex: 0xD55E00), // vermillion
        Color(hex: 0x009E73), // bluish green
        Color(hex: 0xE69F00), // orange
        Color(hex: 0xCC79A7), // reddish purple
        Color(hex: 0x56B4E9), // sky blue
        Color(hex: 0x000000), // black
        Color(hex: 0xF0E442), // yellow
    ]

    /// The categorical colour for index `i` (wraps around after eight colours).
    public static func categorical(_ i: Int) -> Color {
        okabeIto[((i % okabeIto.count) + okabeIto.count) % okabeIto.count]
    }
}
