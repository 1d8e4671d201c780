/// A point in logical figure coordinates (origin top-left, y grows downwards).
struct Point: Hashable, Sendable {
    var x: Double
    var y: Double
    init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}

/// An axis-aligned rectangle in logical figure coordinates.
struct Rect: Hashable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var minX: Double { x }
    var maxX: Double { x + width }
    var minY: Double { y }
    var maxY: Double { y + height }
    var midX: Double { x + width / 2 }
    var midY: Double { y + height / 2 }

    func contains(_ p: Point) -> Bool { p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY }

    func intersects(_ other: Rect) -> Bool {
        minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
    }

    func insetBy(_ d: Double) -> Rect { Rect(x: x + d, y: y + d, width: width - 2 * d, height: height - 2 * d) }
}

/// A device-pixel coordinate as an Int, with NaN and far-away values clamped to ±10⁸ so data far
/// outside a fixed axis range can never trap the conversion.
func devicePixel(_ v: Double) -> Int {
    guard v.isFinite else { return v > 0 ? 100_000_000 : -100_000_000 }
    return Int(max(-1e8, min(1e8, v)))
}
