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

    /// A vertical reference line at slot position 1.5 runs between the second and third slots,
    /// from the top of the plot area to the bottom, in the line's grey.
    func testVerticalReferenceLineBetweenSlots() throws {
        let chart = BarChart(categories: ["2", "4", "8", "16"],
                             groups: [BarGroup("fit", values: [0.2, 0.4, 1, 1])],
                             yAxis: Axis("accuracy", range: 0...1),
                             referenceLines: [.vertical(at: 1.5, label: "threshold")])
        try chart.write(to: Examples.path("bars-vertical-line"))
        let image = try PNGImage.read(from: Examples.path("bars-vertical-line"))
        let frame = try chart.chart().resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0.frame
        let x = Int((frame.px(1.5) * 2).rounded(.down))
        // Dashed: among the pixels of that column in the plot area, a good share is the line's grey.
        let top = Int(frame.plot.minY * 2) + 4, bottom = Int(frame.plot.maxY * 2) - 4
        let grey = (top..<bottom).filter { y in
            (x - 1...x + 1).contains { xx in let p = image.pixel(x: xx, y: y); return p.r == 0x55 && p.g == 0x55 && p.b == 0x55 }
        }.count
        XCTAssertGreaterThan(Double(grey) / Double(bottom - top), 0.3, "dashed grey line at slot 1.5")
        // A line outside the slots is refused.
        XCTAssertThrowsError(try BarChart(categories: ["a"], groups: [BarGroup("v", values: [1])],
                                          referenceLines: [.vertical(at: 0.7)]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("outside the 1 slots"), "\(e)")
        }
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
