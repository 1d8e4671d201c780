import XCTest
@testable import Charts

/// The symmetric-log axis: zero and negative values have a place, powers of ten are evenly spaced.
final class SymlogAxisTests: XCTestCase {
    func testWeightDecaysFromZeroGetZeroAndPowersOfTen() throws {
        let spec = try AxisSpec.numeric(Axis("weight decay", scale: .symlog(linearWidth: 1e-5)),
                                        values: [0, 1e-5, 1e-4, 1e-3], what: "x")
        XCTAssertEqual(spec.lo, 0, "the data start at 0, so the axis does too")
        XCTAssertEqual(spec.ticks.count, 4)
        for (t, e) in zip(spec.ticks, [0, 1e-5, 1e-4, 1e-3]) { XCTAssertEqual(t, e, accuracy: 1e-18) }
        XCTAssertEqual(spec.tickLabels, ["0", "10^{\u{2212}5}", "10^{\u{2212}4}", "10^{\u{2212}3}"])
        // Far from zero the axis is logarithmic: 1e-4 → 1e-3 spans (almost) as much as 1e-3 → 1e-2 would.
        let f = { spec.fraction($0) }
        XCTAssertEqual(f(0), 0, accuracy: 1e-12)
        XCTAssertEqual((f(1e-3) - f(1e-4)) / (f(1e-4) - f(1e-5)),
                       (log10(101) - log10(11)) / (log10(11) - log10(2)), accuracy: 1e-9)
    }

    func testSymmetricRangePutsZeroInTheMiddle() throws {
        let spec = try AxisSpec.numeric(Axis("", scale: .symlog(linearWidth: 1), range: -100...100), values: [], what: "y")
        XCTAssertEqual(spec.ticks, [-100, -10, -1, 0, 1, 10, 100])
        XCTAssertEqual(spec.fraction(0), 0.5, accuracy: 1e-12)
        XCTAssertEqual(spec.fraction(-10), 1 - spec.fraction(10), accuracy: 1e-12)
    }

    func testALineThroughZeroIsDrawnAtThePlotsLeftEdge() throws {
        let plot = LinePlot(xAxis: Axis("λ", scale: .symlog(linearWidth: 1e-4)), yAxis: Axis("test error"),
                            series: [Series("", x: [0, 1e-4, 1e-3, 1e-2], y: [0.5, 0.4, 0.3, 0.35], color: Color(hex: 0xD55E00),
                                            lineWidth: 3)], legend: .hidden)
        let chart = try plot.chart()
        let frame = try chart.resolve(Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0.frame
        let image = try PNGImage.decode(plot.renderPNG())
        let p = frame.point(0, 0.5)
        XCTAssertEqual(p.x, frame.plot.minX, accuracy: 1e-9)
        XCTAssertGreaterThan(image.count(near: Color(hex: 0xD55E00), tolerance: 30, x0: Int(p.x * 2), y0: Int(p.y * 2) - 4,
                                         x1: Int(p.x * 2) + 8, y1: Int(p.y * 2) + 4), 10)
        try plot.write(to: Examples.path("line-symlog"))
    }

    func testNonPositiveLinearWidthIsRejected() {
        XCTAssertThrowsError(try LinePlot(xAxis: Axis("", scale: .symlog(linearWidth: 0)),
                                          series: [Series("", x: [0, 1], y: [0, 1])]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("symlog linear width 0"), "\(e)")
        }
    }
}
