import XCTest
@testable import Charts

final class HistogramTests: XCTestCase {
    func testBinCountsMatchAHandCount() throws {
        let h = Histogram(series: [HistogramSeries("a", values: [0, 0.1, 0.2, 0.5, 0.99, 1.0, 1.5, .nan])],
                          bins: 4, binRange: 0...1)
        let (edges, heights, notes) = try h.binned()
        XCTAssertEqual(edges, [0, 0.25, 0.5, 0.75, 1])
        XCTAssertEqual(heights, [[3, 0, 1, 2]])     // 1.0 falls in the last bin (closed range)
        XCTAssertEqual(notes.count, 2)              // one NaN, one value outside
        let d = try Histogram(series: [HistogramSeries("a", values: [0.1, 0.2, 0.6, 0.9])], bins: 2, binRange: 0...1,
                              normalization: .density).binned().heights[0]
        XCTAssertEqual(d[0] * 0.5 + d[1] * 0.5, 1, accuracy: 1e-12)  // density integrates to 1
    }

    func testOverlaidExampleShowsBothColours() throws {
        let h = Examples.overlaidHistogram()
        try h.write(to: Examples.path("histogram-overlaid"))
        let image = try PNGImage.read(from: Examples.path("histogram-overlaid"))
        let chart = try h.chart()
        let frame = try chart.resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0.frame
        // Step outlines in the series colours around the two modes (0.12 and 0.75).
        let lowX = Int(frame.px(0.12) * 2), highX = Int(frame.px(0.75) * 2)
        XCTAssertGreaterThan(image.count(near: Palette.categorical(1), x0: lowX - 30, x1: lowX + 30), 10)
        XCTAssertGreaterThan(image.count(near: Palette.categorical(0), x0: highX - 30, x1: highX + 30), 10)
    }

    func testLogCountSpectrumExample() throws {
        let h = Examples.spectrumHistogram()
        try h.write(to: Examples.path("histogram-log-count"))
        let chart = try h.chart()
        XCTAssertTrue(chart.y.ticks.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-12 })
        XCTAssertLessThan(chart.y.lo, 1)     // bins with a single value stay visible
    }

    func testBadInput() {
        XCTAssertThrowsError(try Histogram(series: []).renderPNG())
        XCTAssertThrowsError(try Histogram(series: [HistogramSeries("e", values: [])]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("empty histogram"))
        }
        XCTAssertThrowsError(try Histogram(series: [HistogramSeries("n", values: [.nan])]).renderPNG())
        XCTAssertThrowsError(try Histogram(series: [HistogramSeries("b", values: [1])], bins: 0).renderPNG())
        XCTAssertThrowsError(try Histogram(xAxis: Axis("x", scale: .log), series: [HistogramSeries("l", values: [1, -2])]).renderPNG())
    }
}

extension HistogramTests {
    func testLogXAxisUsesEqualRatioBins() throws {
        let h = Histogram(xAxis: Axis("eigenvalue", scale: .log),
                          series: [HistogramSeries("s", values: [1, 2, 5, 20, 50, 999])], bins: 3, binRange: 1...1000)
        let (edges, heights, _) = try h.binned()
        for (e, want) in zip(edges, [1.0, 10, 100, 1000]) { XCTAssertEqual(e, want, accuracy: want * 1e-12) }
        XCTAssertEqual(heights, [[3, 2, 1]])
        try h.write(to: Examples.path("histogram-log-x"))
    }
}
