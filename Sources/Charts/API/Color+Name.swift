extension Color {
    /// The Okabe–Ito colours by name, as chapters write them.
    public static let named: [String: Color] = [
        "blue": Palette.okabeIto[0], "vermillion": Palette.okabeIto[1], "green": Palette.okabeIto[2],
        "orange": Palette.okabeIto[3], "purple": Palette.okabeIto[4], "sky-blue": Palette.okabeIto[5],
        "black": Palette.okabeIto[6], "yellow": Palette.okabeIto[7],
    ]

    /// A colour from a name in `Color.named` or a `#RRGGBB` hex code; nil when it is neither.
    ///
    /// ```swift
    /// Color(name: "vermillion")   // Okabe–Ito #D55E00
    /// Color(name: "#336699")
    /// ```
    public init?(name: String) {
        if let c = Color.named[name.lowercased()] { self = c; return }
        let hex = name.hasPrefix("#") ? name.dropFirst() : ""
        guard hex.count == 6, let v = UInt32(hex, radix: 16) else { return nil }
        self.init(hex: v)
    }
}
