@testable import Charts

/// Pixel queries on a decoded PNG, in device pixels.
extension PNGImage {
    /// Number of pixels in the box whose RGB is within `tolerance` (per channel, 0...255) of `color`.
    func count(near color: Color, tolerance: Int = 12, x0: Int = 0, y0: Int = 0, x1: Int? = nil, y1: Int? = nil) -> Int {
        let (r, g, b) = color.rgb8
        var n = 0
        for y in max(0, y0)..<min(height, y1 ?? height) {
            for x in max(0, x0)..<min(width, x1 ?? width) {
                let p = pixel(x: x, y: y)
                if abs(Int(p.r) - Int(r)) <= tolerance && abs(Int(p.g) - Int(g)) <= tolerance && abs(Int(p.b) - Int(b)) <= tolerance { n += 1 }
            }
        }
        return n
    }

    /// Number of pixels in the box darker than `threshold` in every channel (text, spines).
    func countDark(x0: Int, y0: Int, x1: Int, y1: Int, threshold: UInt8 = 140) -> Int {
        var n = 0
        for y in max(0, y0)..<min(height, y1) {
            for x in max(0, x0)..<min(width, x1) {
                let p = pixel(x: x, y: y)
                if p.r < threshold && p.g < threshold && p.b < threshold { n += 1 }
            }
        }
        return n
    }
}
