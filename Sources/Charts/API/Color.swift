/// An sRGB colour with straight (non-premultiplied) alpha, components in 0...1.
public struct Color: Hashable, Sendable, Codable {
    /// Red, green, blue and opacity, each in 0...1.
    public var red, green, blue, alpha: Double

    /// Creates a colour from components in 0...1.
    public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
        self.red = red; self.green = green; self.blue = blue; self.alpha = alpha
    }

    /// Creates a colour from a 24-bit hex value such as `0x0072B2`.
    public init(hex: UInt32, alpha: Double = 1) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255, alpha: alpha)
    }

    /// The same colour with a different opacity.
    public func withAlpha(_ alpha: Double) -> Color {
        Color(red: red, green: green, blue: blue, alpha: alpha)
    }

    /// The 8-bit RGB components, rounded.
    public var rgb8: (UInt8, UInt8, UInt8) {
        func q(_ v: Double) -> UInt8 { UInt8((min(max(v, 0), 1) * 255).rounded()) }
        return (q(red), q(green), q(blue))
    }

    /// Linear interpolation between two colours (`t` in 0...1).
    public static func mix(_ a: Color, _ b: Color, _ t: Double) -> Color {
        Color(red: a.red + (b.red - a.red) * t, green: a.green + (b.green - a.green) * t,
              blue: a.blue + (b.blue - a.blue) * t, alpha: a.alpha + (b.alpha - a.alpha) * t)
    }

    /// Opaque white.
    public static let white = Color(red: 1, green: 1, blue: 1)
    /// Opaque black.
    public static let black = Color(red: 0, green: 0, blue: 0)
    /// Near-black used for text and spines (softer than pure black).
    public static let ink = Color(hex: 0x222222)
    /// Mid grey used for reference lines and secondary text.
    public static let gray = Color(hex: 0x7F7F7F)
    /// Very light grey used for grid lines.
    public static let lightGray = Color(hex: 0xE6E6E6)
}
