import XCTest
@testable import Charts

final class ScatterPlotTests: XCTestCase {
    func testInformationPlaneExampleHasAColourBarWithViridisEnds() throws {
        let plot = Examples.informationPlane()
        try plot.write(to: Examples.path("scatter-information-plane"))
        let image = try PNGImage.read(from: Examples.path("scatter-information-plane"))
        XCTAssertEqual(image.width, 1280)
        let chart = try plot.chart()
        let canvas = try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)
        let frame = try chart.resolve(canvas).0.frame
        // The colour bar sits right of the plot: dark purple at the bottom, yellow at the top.
        let barX = Int((frame.plot.maxX + ColorBarSpec.gap + ColorBarSpec.barWidth / 2) * 2)
        let top = image.pixel(x: barX, y: Int(frame.plot.minY * 2) + 3)
        let bottom = image.pixel(x: barX, y: Int(frame.plot.maxY * 2) - 3)
        XCTAssertGreaterThan(Int(top.r) + Int(top.g), 400)        // yellow: high red and green
        XCTAssertLessThan(Int(bottom.g), 30)                        // purple: almost no green
        XCTAssertEqual(chart.colorBar?.axis.ticks, [1, 10, 100, 1000])
    }

    func testPointColourFollowsTheValue() throws {
        let plot = ScatterPlot(xAxis: Axis("x"), yAxis: Axis("y"),
                               series: [ScatterSeries("p", x: [0, 10], y: [0, 10], values: [0, 1], markerSize: 12)],
                               colorScale: ColorScale("v"), legend: .hidden)
        let chart = try plot.chart()
        let canvas = try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)
        let frame = try chart.resolve(canvas).0.frame
        let image = try PNGImage.decode(plot.renderPNG())
        let low = frame.point(0, 0), high = frame.point(10, 10)
        let lowPixel = image.pixel(x: Int(low.x * 2), y: Int(low.y * 2))
        let highPixel = image.pixel(x: Int(high.x * 2), y: Int(high.y * 2))
        XCTAssertEqual([lowPixel.r, lowPixel.g, lowPixel.b].map(Int.init), [0x44, 0x01, 0x54].map { $0 }, "viridis(0)")
        XCTAssertEqual([highPixel.r, highPixel.g, highPixel.b].map(Int.init), [0xFD, 0xE7, 0x25], "viridis(1)")
    }

    func testNonFinitePointsAreSkippedWithANote() throws {
        let plot = ScatterPlot(series: [ScatterSeries("s", x: [1, 2, .nan, 4], y: [1, 2, 3, 4], values: [1, .infinity, 3, 4])])
        XCTAssertEqual(try plot.chart().notes, ["2 points of series \"s\" with NaN or infinite values not drawn"])
    }

    func testBadInput() {
        XCTAssertThrowsError(try ScatterPlot(series: []).renderPNG())
        XCTAssertThrowsError(try ScatterPlot(series: [ScatterSeries("a", x: [1, 2], y: [1, 2], values: [1])]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("values has 1 values but 2"))
        }
        XCTAssertThrowsError(try ScatterPlot(series: [ScatterSeries("a", x: [1, 2], y: [1, 2], values: [0, 1])],
                                             colorScale: ColorScale("e", scale: .log)).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("logarithmic colour axis"))
        }
        XCTAssertThrowsError(try ScatterPlot(series: [ScatterSeries("a", x: [.nan], y: [1])]).renderPNG())
    }
}
