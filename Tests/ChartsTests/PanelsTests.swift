import XCTest
@testable import Charts

/// Small multiples: each panel lands in its own cell.
final class PanelsTests: XCTestCase {
    func testEachPanelIsDrawnInItsOwnHalf() throws {
        let blue = Color(hex: 0x0072B2), red = Color(hex: 0xD55E00)
        let left = LinePlot(title: "MNIST", series: [Series("a", x: [0, 1], y: [0, 1], color: blue, lineWidth: 3)], legend: .hidden)
        let right = LinePlot(title: "CIFAR-10", series: [Series("b", x: [0, 1], y: [1, 0], color: red, lineWidth: 3)], legend: .hidden)
        let figure = Panels(title: "Random labels", columns: 2, panels: [left, right])
        let image = try PNGImage.decode(figure.renderPNG(width: 800, height: 300))
        XCTAssertEqual(image.width, 1600)
        XCTAssertGreaterThan(image.count(near: blue, x1: 800), 500)
        XCTAssertEqual(image.count(near: blue, x0: 800), 0)
        XCTAssertGreaterThan(image.count(near: red, x0: 800), 500)
        XCTAssertEqual(image.count(near: red, x1: 800), 0)
        // The overall title sits above both panels, centred.
        XCTAssertGreaterThan(image.countDark(x0: 700, y0: 0, x1: 900, y1: 36), 20)
        try figure.write(to: Examples.path("panels"), width: 800, height: 300)
    }

    func testRowsWrapAfterTheColumnCount() {
        let p = Panels(columns: 2, panels: Array(repeating: LinePlot(series: []), count: 3))
        let cells = p.cellRects(width: 600, height: 400, top: 20)
        XCTAssertEqual(cells.map(\.minX), [0, 300, 0])
        XCTAssertEqual(cells.map(\.minY), [20, 20, 220])
    }

    func testNoPanelsIsAnError() {
        XCTAssertThrowsError(try Panels(columns: 2, panels: []).renderPNG())
    }
}
