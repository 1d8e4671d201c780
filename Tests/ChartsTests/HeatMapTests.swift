import XCTest
@testable import Charts

final class HeatMapTests: XCTestCase {
    func testCellsTakeTheViridisColourOfTheirValue() throws {
        let map = HeatMap(values: [[0, 1], [0.5, 1]], rowLabels: ["a", "b"], columnLabels: ["x", "y"],
                          colorScale: ColorScale("v", range: 0...1))
        try map.write(to: Examples.path("heatmap-2x2"))
        let image = try PNGImage.read(from: Examples.path("heatmap-2x2"))
        let frame = try map.chart().resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0.frame
        func colour(_ r: Int, _ c: Int) -> [UInt8] {
            let p = frame.point(Double(c), Double(r))
            let px = image.pixel(x: Int(p.x * 2), y: Int(p.y * 2))
            return [px.r, px.g, px.b]
        }
        XCTAssertEqual(colour(0, 0), [0x44, 0x01, 0x54])    // viridis(0), top-left: row 0 is on top
        XCTAssertEqual(colour(0, 1), [0xFD, 0xE7, 0x25])    // viridis(1)
        let mid = ColorMap.viridis.color(at: 0.5).rgb8
        let got = colour(1, 0)
        XCTAssertEqual([Int(got[0]), Int(got[1]), Int(got[2])], [Int(mid.0), Int(mid.1), Int(mid.2)])
        XCTAssertLessThan(frame.py(0), frame.py(1))          // row 0 above row 1
        // The colour bar is fully saturated: its middle row is viridis(0.5), not a mix with white.
        let barX = Int((frame.plot.maxX + ColorBarSpec.gap + ColorBarSpec.barWidth / 2) * 2)
        let barMid = image.pixel(x: barX, y: Int(frame.plot.midY * 2))
        XCTAssertEqual(Double(barMid.r), Double(mid.0), accuracy: 3)
        XCTAssertEqual(Double(barMid.g), Double(mid.1), accuracy: 3)
        XCTAssertEqual(Double(barMid.b), Double(mid.2), accuracy: 3)
    }

    func testExampleWithValuesAndMissingCell() throws {
        try Examples.heatMap().write(to: Examples.path("heatmap-width-depth"))
        var withNaN = Examples.heatMap()
        withNaN.values[1][2] = .nan
        XCTAssertEqual(try withNaN.chart().notes.count, 1)
    }

    func testBadInput() {
        XCTAssertThrowsError(try HeatMap(values: []).renderPNG())
        XCTAssertThrowsError(try HeatMap(values: [[]]).renderPNG())
        XCTAssertThrowsError(try HeatMap(values: [[1, 2], [3]]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("HeatMap row 1 has 1 values but 2"))
        }
        XCTAssertThrowsError(try HeatMap(values: [[1]], rowLabels: ["a", "b"]).renderPNG())
        XCTAssertThrowsError(try HeatMap(values: [[.nan]]).renderPNG())
        XCTAssertThrowsError(try HeatMap(values: [[0, 1]], colorScale: ColorScale("c", scale: .log)).renderPNG())
    }
}
