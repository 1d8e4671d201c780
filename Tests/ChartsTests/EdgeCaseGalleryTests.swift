import XCTest
@testable import Charts

/// Unusual but valid inputs still give readable figures (written for a person to look at).
final class EdgeCaseGalleryTests: XCTestCase {
    func testLargeStepsNegativeValuesAndAConstantSeries() throws {
        let steps = (0...40).map { Double($0) * 5000 }
        let plot = LinePlot(title: "Margins over 200k steps", xAxis: Axis("step"), yAxis: Axis("margin"),
                            series: [Series("mean margin", x: steps, y: steps.map { -2 + 4 * (1 - exp(-$0 / 40000)) }),
                                     Series("constant", x: steps, y: steps.map { _ in 0.5 }, lineStyle: .dotted),
                                     Series("one point", x: [100000], y: [-1], marker: .diamond)],
                            referenceLines: [.horizontal(at: 0, label: "zero margin")])
        try plot.write(to: Examples.path("edge-large-x-negative-y"))
        let chart = try plot.chart()
        XCTAssertTrue(chart.y.tickLabels.contains("\u{2212}2.0") || chart.y.tickLabels.contains("\u{2212}2"))
        XCTAssertTrue(chart.x.tickLabels.allSatisfy { !$0.contains("e") })
    }

    func testTinyValuesUseScientificLabels() throws {
        let x = (1...30).map(Double.init)
        let plot = LinePlot(title: "Gradient norm", xAxis: Axis("epoch"), yAxis: Axis("‖∇L‖"),
                            series: [Series("", x: x, y: x.map { 3e-5 / $0 })])
        try plot.write(to: Examples.path("edge-tiny-values"))
        XCTAssertTrue(try plot.chart().y.tickLabels.contains { $0.contains("10^{") })
    }
}

extension EdgeCaseGalleryTests {
    func testLargeHeatMapThinsItsLabels() throws {
        let n = 40
        let values = (0..<n).map { r in (0..<n).map { c in sin(Double(r) / 6) * cos(Double(c) / 9) } }
        let map = HeatMap(title: "Hessian block (40 × 40)", values: values,
                          rowLabels: (0..<n).map { "\($0)" }, columnLabels: (0..<n).map { "\($0)" },
                          xLabel: "parameter j", yLabel: "parameter i", colorScale: ColorScale("H_{ij}"))
        try map.write(to: Examples.path("edge-heatmap-40x40"))
        let layout = try map.chart().resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)).0
        XCTAssertGreaterThan(layout.yLabelStep, 1)
    }

    func testWideImageGridWithLongColumnLabels() throws {
        let shapes = Examples.shapes()
        let row = (0..<10).map { GridImage(width: 28, height: 28, gray: shapes[$0 % 3]) }
        let grid = ImageGrid(title: "Ten classes", images: [row, row.reversed()],
                             rowLabels: ["clean", "noisy"],
                             columnLabels: ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"])
        try grid.write(to: Examples.path("edge-image-grid-10-columns"))
        let h = try grid.naturalHeight(width: 640)
        XCTAssertLessThan(h, 300)
        try grid.write(to: Examples.path("edge-image-grid-10-columns-natural-height"), width: 640, height: h)
    }
}

extension EdgeCaseGalleryTests {
    func testDataFarOutsideAFixedRangeIsClippedNotACrash() throws {
        let plot = LinePlot(title: "Diverging run, fixed y range", xAxis: Axis("epoch"), yAxis: Axis("loss", range: 0...3),
                            series: [Series("diverges", x: [0, 1, 2, 3, 4], y: [2, 1, 5, 1e30, 1e300], marker: .circle),
                                     Series.meanAndSpread("band", x: [0, 1, 2, 3, 4], mean: [1, 1, 1, 1, 1], spread: [0.5, 1e200, 0.5, 0.5, 0.5])])
        try plot.write(to: Examples.path("edge-far-outside-range"))
        let scatter = ScatterPlot(xAxis: Axis("x", range: 0...1), yAxis: Axis("y", range: 0...1),
                                  series: [ScatterSeries("far", x: [0.5, -1e250, 1e250], y: [0.5, 1e250, -1e250], connect: true)])
        XCTAssertNoThrow(try scatter.renderPNG(width: 320, height: 200, scale: 1))
    }
}
