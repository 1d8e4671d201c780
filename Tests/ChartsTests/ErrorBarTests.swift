import XCTest
@testable import Charts

/// One scalar against another across runs, with error bars over seeds.
final class ErrorBarTests: XCTestCase {
    static let blue = Color(hex: 0x0072B2)

    func plot(errors: [Double]?) -> ScatterPlot {
        ScatterPlot(xAxis: Axis("parameters", scale: .log), yAxis: Axis("test accuracy"),
                    series: [ScatterSeries("MLP", x: [1e3, 1e4, 1e5], y: [0.5, 0.7, 0.8], color: Self.blue,
                                           connect: true, yError: errors)],
                    legend: .hidden)
    }

    func testBarsReachMeanPlusAndMinusTheError() throws {
        let with = plot(errors: [0.1, 0.05, 0.02])
        let frame = try with.chart().resolve(Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0.frame
        let image = try PNGImage.decode(with.renderPNG())
        let bare = try PNGImage.decode(plot(errors: nil).renderPNG())
        // Just inside the upper end of the first bar (0.5 + 0.1), away from the marker and the line.
        let x = Int(frame.px(1e3) * 2), y = Int(frame.py(0.58) * 2)
        XCTAssertGreaterThan(image.count(near: Self.blue, tolerance: 20, x0: x - 2, y0: y - 2, x1: x + 3, y1: y + 3), 4)
        XCTAssertEqual(bare.count(near: Self.blue, tolerance: 20, x0: x - 2, y0: y - 2, x1: x + 3, y1: y + 3), 0)
        // The axis reaches the bar ends.
        XCTAssertLessThanOrEqual(frame.y.lo, 0.4)
        try with.write(to: Examples.path("scatter-error-bars"))
    }

    func testNegativeErrorIsRejected() {
        XCTAssertThrowsError(try plot(errors: [0.1, -1, 0]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("error bar -1.0 must be finite and ≥ 0"), "\(e)")
        }
    }
}
