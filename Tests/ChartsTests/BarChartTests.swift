import XCTest
@testable import Charts

final class BarChartTests: XCTestCase {
    func testGroupedExampleDrawsEachGroupInItsSlot() throws {
        let chart = Examples.groupedBars()
        try chart.write(to: Examples.path("bars-grouped"))
        let image = try PNGImage.read(from: Examples.path("bars-grouped"))
        let frame = try chart.chart().resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0.frame
        for c in 0..<5 {
            for g in 0..<2 {
                let slot = chart.barSlot(category: c, group: g)
                // Halfway up the bar, the pixel has the group's colour.
                let p = frame.point(slot.center, chart.groups[g].values[c] / 2)
                let px = image.pixel(x: Int(p.x * 2), y: Int(p.y * 2))
                let (r, gg, b) = Palette.categorical(g).rgb8
                XCTAssertEqual([px.r, px.g, px.b], [r, gg, b], "category \(c) group \(g)")
            }
        }
        // Bar slots: three groups share 0.8 of a unit slot, centred on the category.
        XCTAssertEqual(chart.barSlot(category: 2, group: 1).center, 2, accuracy: 1e-12)
        XCTAssertEqual(chart.barSlot(category: 0, group: 0).width, 0.8 / 3, accuracy: 1e-12)
    }

    func testEveryCategoryNameIsShown() throws {
        for (w, h) in [(640, 400), (480, 300)] {
            let layout = try Examples.groupedBars().chart().resolve(try Canvas(logicalWidth: Double(w), logicalHeight: Double(h), scale: 2)).0
            XCTAssertEqual(layout.xLabelStep, 1, "\(w)×\(h)")
        }
    }

    func testLongCategoryNamesAreRotatedInsteadOfOverlapping() throws {
        let names = (0..<14).map { "a rather long category \($0)" }
        let chart = BarChart(categories: names, groups: [BarGroup("v", values: names.indices.map { Double($0 + 1) })],
                             yAxis: Axis("value"))
        let layout = try chart.chart().resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0
        XCTAssertTrue(layout.xRotated)
        try chart.write(to: Examples.path("bars-rotated-labels"))
    }

    func testBadInput() {
        XCTAssertThrowsError(try BarChart(categories: [], groups: [BarGroup("a", values: [])]).renderPNG())
        XCTAssertThrowsError(try BarChart(categories: ["x"], groups: []).renderPNG())
        XCTAssertThrowsError(try BarChart(categories: ["x", "y"], groups: [BarGroup("a", values: [1])]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("group \"a\": values has 1 values but 2"))
        }
        XCTAssertThrowsError(try BarChart(categories: ["x"], groups: [BarGroup("a", values: [.nan])]).renderPNG())
        XCTAssertThrowsError(try BarChart(categories: ["x"], groups: [BarGroup("a", values: [1], errors: [-1])]).renderPNG())
        XCTAssertThrowsError(try BarChart(categories: ["x"], groups: [BarGroup("a", values: [0])], yAxis: Axis("y", scale: .log)).renderPNG())
    }
}
