import XCTest
@testable import Charts

/// The dark appearance: dark background, light ink, series hues unchanged.
final class DarkAppearanceTests: XCTestCase {
    func testBackgroundAndTextFlipWhileSeriesColoursStay() throws {
        let plot = Examples.linePlot()
        let light = try PNGImage.decode(plot.renderPNG())
        let dark = try PNGImage.decode(plot.renderPNG(width: 640, height: 400, scale: 2, appearance: .dark))
        let corner = dark.pixel(x: 2, y: 2)
        XCTAssertEqual([corner.r, corner.g, corner.b], [27, 27, 27], "#1B1B1B background")
        XCTAssertEqual(light.pixel(x: 2, y: 2).r, 255)
        // The first series is drawn in the same blue in both images.
        let blue = Color(hex: 0x0072B2)
        XCTAssertGreaterThan(dark.count(near: blue, tolerance: 4), 1000)
        XCTAssertEqual(Double(dark.count(near: blue, tolerance: 4)), Double(light.count(near: blue, tolerance: 4)),
                       accuracy: Double(light.count(near: blue, tolerance: 4)) * 0.2)
        // Light ink (the title, tick labels) where the light figure has dark ink.
        let ink = Appearance.dark.resolve(.ink)
        XCTAssertGreaterThan(dark.count(near: ink, tolerance: 20), 1000)
        // The title: dark ink on white in one, as many light-ink pixels on dark in the other.
        let titleInk = light.count(near: .ink, tolerance: 20, y1: 40)
        XCTAssertGreaterThan(titleInk, 200)
        XCTAssertEqual(Double(dark.count(near: ink, tolerance: 20, y1: 40)), Double(titleInk), accuracy: 0.05 * Double(titleInk))
        try plot.write(to: Examples.path("line-dark"), appearance: .dark)
    }

    func testResolveMirrorsGreysOnly() {
        XCTAssertEqual(Appearance.dark.resolve(.white).rgb8.0, 27)
        XCTAssertEqual(Appearance.dark.resolve(.black).rgb8.0, 230)
        XCTAssertEqual(Appearance.dark.resolve(Color(hex: 0xD55E00)), Color(hex: 0xD55E00))
        XCTAssertEqual(Appearance.light.resolve(.black), .black)
    }
}
