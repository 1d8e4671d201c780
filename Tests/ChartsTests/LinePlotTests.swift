import XCTest
@testable import Charts

final class LinePlotTests: XCTestCase {
    /// Renders and decodes, returning the image and the frame data was drawn into.
    func renderWithFrame(_ plot: LinePlot, width: Int = 640, height: Int = 400) throws -> (PNGImage, CartesianFrame) {
        let chart = try plot.chart()
        let canvas = try Canvas(logicalWidth: Double(width), logicalHeight: Double(height), scale: 2)
        let frame = try chart.resolve(canvas).0.frame
        let image = try PNGImage.decode(plot.renderPNG(width: width, height: height))
        return (image, frame)
    }

    func testExampleWritesPNGOfRequestedSize() throws {
        let path = Examples.path("line-log-band")
        try Examples.linePlot().write(to: path)
        let image = try PNGImage.read(from: path)
        XCTAssertEqual(image.width, 1280)
        XCTAssertEqual(image.height, 800)
    }

    func testSeriesColoursAppearWhereTheDataIs() throws {
        let x = (0...10).map(Double.init)
        let plot = LinePlot(xAxis: Axis("x"), yAxis: Axis("y"),
                            series: [Series("low", x: x, y: x.map { _ in 1 }, lineWidth: 3),
                                     Series("high", x: x, y: x.map { _ in 3 }, lineWidth: 3)],
                            legend: .hidden)
        let (image, frame) = try renderWithFrame(plot)
        let blue = Palette.categorical(0), vermillion = Palette.categorical(1)
        for vx in [2.0, 5.0, 8.0] {
            let a = frame.point(vx, 1), b = frame.point(vx, 3)
            let ax = Int(a.x * 2), ay = Int(a.y * 2), bx = Int(b.x * 2), by = Int(b.y * 2)
            XCTAssertGreaterThan(image.count(near: blue, x0: ax - 2, y0: ay - 2, x1: ax + 3, y1: ay + 3), 5)
            XCTAssertGreaterThan(image.count(near: vermillion, x0: bx - 2, y0: by - 2, x1: bx + 3, y1: by + 3), 5)
            XCTAssertEqual(image.count(near: blue, x0: bx - 2, y0: by - 2, x1: bx + 3, y1: by + 3), 0)
        }
        // Midway between the lines there is no series colour at all.
        let m = frame.point(5, 2)
        XCTAssertEqual(image.count(near: blue, x0: Int(m.x * 2) - 10, y0: Int(m.y * 2) - 10, x1: Int(m.x * 2) + 10, y1: Int(m.y * 2) + 10), 0)
    }

    func testTextPixelsExistInLabelAreas() throws {
        let plot = LinePlot(title: "Title here", xAxis: Axis("epoch"), yAxis: Axis("loss"),
                            series: [Series("s", x: [0, 1, 2], y: [3, 1, 2])], legend: .hidden)
        let (image, frame) = try renderWithFrame(plot)
        let p = frame.plot
        // Title band above the plot, x label below the x tick labels, y label left of the y ticks.
        XCTAssertGreaterThan(image.countDark(x0: Int(p.minX * 2), y0: 0, x1: Int(p.maxX * 2), y1: Int(p.minY * 2) - 4), 200)
        XCTAssertGreaterThan(image.countDark(x0: Int(p.minX * 2), y0: Int(p.maxY * 2) + 40, x1: Int(p.maxX * 2), y1: 800), 150)
        XCTAssertGreaterThan(image.countDark(x0: 0, y0: Int(p.minY * 2), x1: 44, y1: Int(p.maxY * 2)), 100)
        // And nothing dark in the empty top-right corner of the figure outside the plot.
        XCTAssertEqual(image.countDark(x0: 1250, y0: 0, x1: 1280, y1: 30), 0)
    }

    func testLogAxisPlacesTicksAtPowersOfTenWhereDataAtThoseValuesLands() throws {
        let x = (0..<20).map(Double.init)
        let plot = LinePlot(xAxis: Axis("step"), yAxis: Axis("loss", scale: .log),
                            series: [Series("a", x: x, y: x.map { 0.002 * pow(2, $0 / 2) }),
                                     Series("flat", x: x, y: x.map { _ in 0.1 }, color: Color(hex: 0xFF00FF), lineWidth: 1)],
                            legend: .hidden)
        let (image, frame) = try renderWithFrame(plot)
        XCTAssertEqual(frame.y.ticks.count, 3)
        for (t, e) in zip(frame.y.ticks, [0.01, 0.1, 1.0]) { XCTAssertEqual(t, e, accuracy: e * 1e-12) }
        // Independent mapping: the fraction of the log range.
        let lo = log10(frame.y.lo), hi = log10(frame.y.hi)
        let expectedY = frame.plot.maxY - (log10(0.1) - lo) / (hi - lo) * frame.plot.height
        XCTAssertEqual(frame.py(0.1), expectedY, accuracy: 1e-9)
        // The tick mark left of the spine and the magenta line at y = 0.1 share a device row.
        let row = Int(expectedY * 2)
        let tickX = Int((frame.plot.minX - Theme.tickLength / 2) * 2)
        XCTAssertGreaterThan(image.countDark(x0: tickX - 1, y0: row - 1, x1: tickX + 2, y1: row + 2), 0)
        let magenta = Color(hex: 0xFF00FF)
        let cx = Int(frame.plot.midX * 2)
        XCTAssertGreaterThan(image.count(near: magenta, tolerance: 30, x0: cx - 3, y0: row - 1, x1: cx + 3, y1: row + 2), 3)
        XCTAssertEqual(image.count(near: magenta, tolerance: 30, x0: cx - 3, y0: row - 12, x1: cx + 3, y1: row - 4), 0)
    }

    // MARK: - Bad input

    func testBadInputThrowsClearErrors() {
        let ok = [1.0, 2, 3]
        func message(_ plot: LinePlot) -> String {
            do { _ = try plot.renderPNG(); return "no error" } catch { return "\(error)" }
        }
        XCTAssertTrue(message(LinePlot(series: [])).contains("no series"))
        XCTAssertTrue(message(LinePlot(series: [Series("e", x: [], y: [])])).contains("series \"e\" has no points"))
        XCTAssertTrue(message(LinePlot(series: [Series("m", x: ok, y: [1, 2])])).contains("y has 2 values but 3"))
        XCTAssertTrue(message(LinePlot(series: [.meanAndSpread("b", x: ok, mean: ok, spread: [1])])).contains("band.lower has 1"))
        XCTAssertTrue(message(LinePlot(yAxis: Axis("y", scale: .log), series: [Series("n", x: ok, y: [1, 0, 2])]))
            .contains("y[1] = 0.0 cannot be shown on the logarithmic y axis"))
        XCTAssertTrue(message(LinePlot(xAxis: Axis("x", scale: .log), series: [Series("n", x: [-1, 1, 2], y: ok)]))
            .contains("x[0] = -1.0"))
        XCTAssertTrue(message(LinePlot(series: [Series("all nan", x: ok, y: [.nan, .nan, .infinity])])).contains("all 3 points are NaN"))
        XCTAssertTrue(message(LinePlot(xAxis: Axis("x", range: 3...3), series: [Series("r", x: ok, y: ok)])).contains("lower < upper"))
        XCTAssertThrowsError(try LinePlot(series: [Series("s", x: ok, y: ok)]).renderPNG(width: 10, height: 10))
        XCTAssertTrue(message(LinePlot(series: [Series("w", x: ok, y: ok, lineWidth: .nan)])).contains("line width"))
    }

    func testNonFinitePointsAreSkippedWithAVisibleNote() throws {
        let x = (0..<10).map(Double.init)
        var y = x.map { $0 * $0 }
        y[4] = .nan; y[5] = .infinity
        let plot = LinePlot(title: "Diverged run", xAxis: Axis("x"), yAxis: Axis("y"), series: [Series("run", x: x, y: y)])
        let chart = try plot.chart()
        XCTAssertEqual(chart.notes, ["2 non-finite points of series \"run\" not drawn"])
        XCTAssertEqual(LinePlot.finiteRuns(plot.series[0]), [[0, 1, 2, 3], [6, 7, 8, 9]])
        try plot.write(to: Examples.path("line-nonfinite-note"))
        let image = try PNGImage.read(from: Examples.path("line-nonfinite-note"))
        // The note is drawn in its orange-brown colour at the bottom-left.
        XCTAssertGreaterThan(image.count(near: Theme.noteText.color, tolerance: 40, x0: 0, y0: 740, x1: 640, y1: 800), 50)
    }
}

extension LinePlotTests {
    func testDoubleDescentExampleOnALogXAxis() throws {
        let plot = Examples.doubleDescent()
        try plot.write(to: Examples.path("line-double-descent"))
        let chart = try plot.chart()
        XCTAssertEqual(chart.x.ticks, [1e3, 1e4, 1e5])
    }

    func testLegendAvoidsData() throws {
        // Data fills the top half (y = 10 everywhere, then a drop); the legend must go low.
        let x = (0...20).map(Double.init)
        let plot = LinePlot(xAxis: Axis("x"), yAxis: Axis("y"),
                            series: [Series("a", x: x, y: x.map { $0 < 18 ? 10 : 0 }),
                                     Series("b", x: x, y: x.map { _ in 9 })])
        let chart = try plot.chart()
        let canvas = try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2)
        let (layout, legendRect) = try chart.resolve(canvas)
        let legend = try XCTUnwrap(legendRect)
        XCTAssertTrue(layout.frame.plot.contains(Point(legend.minX, legend.minY)), "placed inside")
        var grid = OccupancyGrid(area: layout.frame.plot)
        chart.mark(&grid, layout.frame)
        XCTAssertEqual(grid.count(in: legend), 0)
        XCTAssertGreaterThan(legend.minY, layout.frame.py(5))   // below the lines
        XCTAssertLessThan(legend.maxX, layout.frame.px(17))     // left of the drop at x = 18
    }

    func testManySeriesWithMarkersAndOutsideLegend() throws {
        let x = (0..<12).map(Double.init)
        let series = (0..<8).map { k in
            Series("width \(16 << k)", x: x, y: x.map { 1 / (1 + $0 * Double(k + 1) * 0.1) },
                   marker: Marker.distinct[k % Marker.distinct.count])
        }
        let plot = LinePlot(title: "Eight series", xAxis: Axis("epoch"), yAxis: Axis("loss"), series: series, legend: .outside)
        try plot.write(to: Examples.path("line-eight-series-outside-legend"))
        let (layout, legendRect) = try plot.chart().resolve(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2))
        XCTAssertGreaterThan(try XCTUnwrap(legendRect).minX, layout.frame.plot.maxX)
    }
}

extension LinePlotTests {
    func testLongTitleWrapsInsteadOfRunningOffTheFigure() throws {
        let title = "A deliberately long title that says what the figure shows: training loss against epochs for true labels, random labels and shuffled pixels"
        var plot = Examples.linePlot()
        plot.title = title
        let chart = try plot.chart()
        let canvas = try Canvas(logicalWidth: 480, logicalHeight: 300, scale: 2)
        let lines = chart.titleLines(canvas)
        XCTAssertGreaterThan(lines.count, 1)
        XCTAssertEqual(lines.joined(separator: " "), title)
        for line in lines { XCTAssertLessThanOrEqual(canvas.measure(line, style: Theme.title).width, 480 - 2 * Theme.padding) }
        try plot.write(to: Examples.path("line-long-title"), width: 480, height: 300)
    }
}
