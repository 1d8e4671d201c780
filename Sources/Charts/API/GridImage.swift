/// A small grayscale or RGB image shown in an `ImageGrid` (e.g. one Fashion-MNIST sample).
///
/// ```swift
/// let img = GridImage(width: 28, height: 28, gray: pixels)          // values in 0...1
/// let noisy = GridImage(width: 28, height: 28, gray: z, range: -3...3)
/// ```
public struct GridImage: Hashable, Sendable, Codable {
    /// Width and height in image pixels.
    public var width: Int, height: Int
    /// 1 (grayscale) or 3 (RGB, interleaved).
    public var channels: Int
    /// Row-major `(height, width, channels)` values.
    public var pixels: [Double]
    /// The value shown as black; nil: 0 if every value lies in 0...1, else the image minimum.
    public var range: ClosedRange<Double>?

    /// A grayscale image from row-major values.
    public init(width: Int, height: Int, gray: [Double], range: ClosedRange<Double>? = nil) {
        self.width = width; self.height = height; channels = 1; pixels = gray; self.range = range
    }

    /// A grayscale image from row-major Float values (as stored in tensors).
    public init(width: Int, height: Int, gray: [Float], range: ClosedRange<Double>? = nil) {
        self.init(width: width, height: height, gray: gray.map(Double.init), range: range)
    }

    /// An RGB image from row-major interleaved values `(height, width, 3)`.
    public init(width: Int, height: Int, rgb: [Double], range: ClosedRange<Double>? = nil) {
        self.width = width; self.height = height; channels = 3; pixels = rgb; self.range = range
    }

    /// Checks the shape and values, returning the display range.
    func validatedRange(_ what: String) throws -> ClosedRange<Double> {
        guard width > 0, height > 0 else { throw ChartError.invalidParameter("\(what): size \(width)×\(height)") }
        guard channels == 1 || channels == 3 else {
            throw ChartError.invalidParameter("\(what): \(channels) channels; need 1 (gray) or 3 (RGB)")
        }
        try Validation.sameLength(pixels.count, width * height * channels, "\(what): pixels (\(width)×\(height)×\(channels))")
        try Validation.finite(pixels, "\(what): pixels")
        if let r = range {
            guard r.lowerBound.isFinite, r.upperBound.isFinite, r.upperBound > r.lowerBound else {
                throw ChartError.invalidParameter("\(what): range \(r) must be finite with lower < upper")
            }
            return r
        }
        let lo = pixels.min()!, hi = pixels.max()!
        if lo >= 0 && hi <= 1 { return 0...1 }
        return hi > lo ? lo...hi : (lo - 0.5)...(lo + 0.5)
    }
}
