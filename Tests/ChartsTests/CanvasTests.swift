import XCTest
@testable import Charts

/// Rasterisation checked against exact geometry.
final class CanvasTests: XCTestCase {
    /// Total "ink" (1 − red channel on a white canvas drawn in black) in device pixels.
    func ink(_ c: Canvas) -> Double {
        var sum = 0.0
        for i in stride(from: 0, to: c.pixels.count, by: 3) { sum += 1 - Double(c.pixels[i]) }
        return sum
    }

    func testPolygonCoverageMatchesTheShoelaceArea() throws {
        var c = try Canvas(logicalWidth: 100, logicalHeight: 80, scale: 2)
        let tri = [Point(10.3, 10.7), Point(80.1, 25.2), Point(35.6, 70.4)]
        c.fillPolygon(tri, color: .black)
        // Shoelace area in logical units, times 4 device pixels per logical unit².
        let area = abs((tri[1].x - tri[0].x) * (tri[2].y - tri[0].y) - (tri[2].x - tri[0].x) * (tri[1].y - tri[0].y)) / 2
        XCTAssertEqual(ink(c), area * 4, accuracy: area * 4 * 0.005)   // 0.5% (4 sub-scanlines)
    }

    func testRectCoverageIsExactForFractionalEdges() throws {
        var c = try Canvas(logicalWidth: 50, logicalHeight: 50, scale: 2)
        c.fillRect(Rect(x: 3.3, y: 4.1, width: 10.25, height: 7.6), color: .black)
        XCTAssertEqual(ink(c), 10.25 * 7.6 * 4, accuracy: 0.01)
    }

    func testStrokedLineHasTheRequestedWidth() throws {
        var c = try Canvas(logicalWidth: 100, logicalHeight: 50, scale: 2)
        // A horizontal line 40 long and 1.5 wide, round caps add a disc of diameter 1.5.
        c.strokeLine(from: Point(20, 25.25), to: Point(60, 25.25), lineWidth: 1.5, color: .black)
        let expected = (40 * 1.5 + Double.pi * 0.75 * 0.75) * 4
        XCTAssertEqual(ink(c), expected, accuracy: expected * 0.02)
        // Crisp placement: a 1-unit line at scale 2 on a snapped centre fills exactly two device rows.
        var d = try Canvas(logicalWidth: 100, logicalHeight: 50, scale: 2)
        let y = d.crisp(20.3, width: 1)
        d.strokeLine(from: Point(10, y), to: Point(90, y), lineWidth: 1, color: .black)
        let row = Int(y * 2)
        XCTAssertEqual(d.pixels[3 * ((row - 1) * d.width + 100)], 0, accuracy: 1e-6)
        XCTAssertEqual(d.pixels[3 * (row * d.width + 100)], 0, accuracy: 1e-6)
        XCTAssertEqual(d.pixels[3 * ((row + 1) * d.width + 100)], 1, accuracy: 1e-6)
    }

    func testDashedLineHasGaps() throws {
        var solid = try Canvas(logicalWidth: 200, logicalHeight: 20, scale: 2)
        var dashed = solid
        solid.strokeLine(from: Point(10, 10), to: Point(190, 10), lineWidth: 1, color: .black)
        dashed.strokeLine(from: Point(10, 10), to: Point(190, 10), lineWidth: 1, color: .black, dash: [4, 4])
        XCTAssertEqual(ink(dashed) / ink(solid), 0.5, accuracy: 0.05)
    }

    func testTextIsRenderedAndMeasured() throws {
        var c = try Canvas(logicalWidth: 200, logicalHeight: 40, scale: 2)
        let (w, h) = c.measure("Memorization", style: Theme.axisLabel)
        XCTAssertGreaterThan(w, 50); XCTAssertLessThan(w, 120)
        XCTAssertEqual(h, 11.5 * 1.164, accuracy: 1.5)   // DejaVu Sans line height ≈ 1.164 em
        let box = c.drawText("Memorization", at: Point(10, 20), style: Theme.axisLabel, anchor: .centerLeft)
        XCTAssertEqual(box.width, w, accuracy: 1e-9)
        XCTAssertGreaterThan(ink(c), 100)
        // Superscript markup renders smaller, raised glyphs: "10^{3}" is narrower than "103".
        XCTAssertLessThan(c.measure("10^{3}", style: Theme.tickText).width, c.measure("103", style: Theme.tickText).width)
    }

    func testMissingFontIsAClearError() {
        XCTAssertThrowsError(try FontRasterizer(regularPath: "/nonexistent/DejaVuSans.ttf")) { e in
            XCTAssertTrue("\(e)".contains("fonts-dejavu-core"), "\(e)")
        }
    }
}
