/// A browser window size used for a page screenshot.
public struct Viewport: Sendable, Equatable {
    /// Short name used in screenshot file names (`chapter1--desktop.png`).
    public let name: String
    /// Width in CSS pixels.
    public let width: Int
    /// Height in CSS pixels.
    public let height: Int
    /// Device pixels per CSS pixel.
    public let deviceScaleFactor: Double
    /// Emulate a mobile device (honours `<meta name="viewport">`).
    public let mobile: Bool
    /// The emulated `prefers-color-scheme`.
    public let colorScheme: ColorScheme

    /// The reader's system setting a page is checked under.
    public enum ColorScheme: String, Sendable, Equatable {
        case light, dark
    }

    /// Creates a viewport.
    public init(name: String, width: Int, height: Int, deviceScaleFactor: Double, mobile: Bool,
                colorScheme: ColorScheme = .light) {
        self.name = name
        self.width = width
        self.height = height
        self.deviceScaleFactor = deviceScaleFactor
        self.mobile = mobile
        self.colorScheme = colorScheme
    }

    /// A laptop screen: 1280×900 CSS pixels at scale 1.
    public static let desktop = Viewport(name: "desktop", width: 1280, height: 900,
                                         deviceScaleFactor: 1, mobile: false)
    /// A phone: 390×844 CSS pixels at scale 2 (a recent iPhone).
    public static let phone = Viewport(name: "phone", width: 390, height: 844,
                                       deviceScaleFactor: 2, mobile: true)
    /// The laptop screen with the system set to dark.
    public static let desktopDark = Viewport(name: "desktop-dark", width: 1280, height: 900,
                                             deviceScaleFactor: 1, mobile: false, colorScheme: .dark)
    /// The phone with the system set to dark.
    public static let phoneDark = Viewport(name: "phone-dark", width: 390, height: 844,
                                           deviceScaleFactor: 2, mobile: true, colorScheme: .dark)
}
