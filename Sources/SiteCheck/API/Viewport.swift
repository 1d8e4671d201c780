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

    /// Creates a viewport.
    public init(name: String, width: Int, height: Int, deviceScaleFactor: Double, mobile: Bool) {
        self.name = name
        self.width = width
        self.height = height
        self.deviceScaleFactor = deviceScaleFactor
        self.mobile = mobile
    }

    /// A laptop screen: 1280×900 CSS pixels at scale 1.
    public static let desktop = Viewport(name: "desktop", width: 1280, height: 900,
                                         deviceScaleFactor: 1, mobile: false)
    /// A phone: 390×844 CSS pixels at scale 2 (a recent iPhone).
    public static let phone = Viewport(name: "phone", width: 390, height: 844,
                                       deviceScaleFactor: 2, mobile: true)
}
