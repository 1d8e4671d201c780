import XCTest
@testable import Charts

final class ImageGridTests: XCTestCase {
    func testExampleShowsImagesAsPixelBlocks() throws {
        let grid = Examples.imageGrid()
        try grid.write(to: Examples.path("image-grid-corruptions"))
        let image = try PNGImage.read(from: Examples.path("image-grid-corruptions"))
        XCTAssertEqual(image.width, 1280)
        let layout = try grid.layout(try Canvas(logicalWidth: 640, logicalHeight: 400, scale: 2))
        // The "bar" image (row 0, column 2) is black at its corner and bright in its centre.
        let cell = layout.cells[0][2]
        let corner = image.pixel(x: Int(cell.minX * 2) + 3, y: Int(cell.minY * 2) + 3)
        let centre = image.pixel(x: Int(cell.midX * 2), y: Int(cell.midY * 2))
        XCTAssertEqual(corner.r, 0)
        XCTAssertGreaterThan(centre.r, 150)
        XCTAssertEqual(centre.r, centre.g)                    // gray
        // Row labels are drawn left of the first column.
        let first = layout.cells[1][0]
        XCTAssertGreaterThan(image.countDark(x0: 0, y0: Int(first.minY * 2), x1: Int(first.minX * 2) - 4, y1: Int(first.maxY * 2)), 50)
    }

    func testBadInput() {
        let ok = GridImage(width: 2, height: 2, gray: [0, 1, 0, 1] as [Double])
        XCTAssertThrowsError(try ImageGrid(images: []).renderPNG())
        XCTAssertThrowsError(try ImageGrid(images: [[ok, ok], [ok]]).renderPNG())
        XCTAssertThrowsError(try ImageGrid(images: [[GridImage(width: 2, height: 2, gray: [0, 1] as [Double])]]).renderPNG()) { e in
            XCTAssertTrue("\(e)".contains("pixels (2×2×1) has 2 values but 4"))
        }
        XCTAssertThrowsError(try ImageGrid(images: [[GridImage(width: 1, height: 1, gray: [Double.nan])]]).renderPNG())
        XCTAssertThrowsError(try ImageGrid(images: [[ok]], columnLabels: ["a", "b"]).renderPNG())
        var twoChannels = ok
        twoChannels.channels = 2
        twoChannels.pixels = Array(repeating: 0.5, count: 8)
        XCTAssertThrowsError(try ImageGrid(images: [[twoChannels]]).renderPNG())
        XCTAssertThrowsError(try ColorMap(name: "one", stops: [.black]))
    }

    /// Text under each image takes room below every row (and none without cell labels); a
    /// highlighted image gets a red frame; label grids of the wrong shape are refused.
    func testCellLabelsAndHighlights() throws {
        let dark = GridImage(width: 4, height: 4, gray: [Double](repeating: 0, count: 16))
        let plain = ImageGrid(images: [[dark, dark], [dark, dark]])
        let labelled = ImageGrid(images: plain.images, cellLabels: [[["bag", "shirt"], ["coat"]], [["a"], [""]]],
                                 highlighted: [[true, false], [false, false]])
        let canvas = try Canvas(logicalWidth: 400, logicalHeight: 2000, scale: 1)
        let th = canvas.lineHeight(Theme.tickText)
        let (p, l) = (try plain.layout(canvas), try labelled.layout(canvas))
        let grown = Double(try labelled.naturalHeight(width: 400) - (try plain.naturalHeight(width: 400)))
        XCTAssertEqual(grown, 2 * (2 * th + 2), accuracy: 1)           // two rows, two lines each at most
        XCTAssertEqual(l.cells[1][0].minY - l.cells[0][0].maxY, p.cells[1][0].minY - p.cells[0][0].maxY + 2 * th + 2, accuracy: 1)
        let height = try labelled.naturalHeight(width: 400)
        try labelled.write(to: Examples.path("image-grid-cell-labels"), width: 400, height: height)
        let image = try PNGImage.read(from: Examples.path("image-grid-cell-labels"))
        let box = try labelled.layout(try Canvas(logicalWidth: 400, logicalHeight: Double(height), scale: 2)).cells[0][0]
        let red = Color(hex: 0xD62728)
        XCTAssertGreaterThan(image.count(near: red, x0: Int(box.minX * 2) - 3, y0: Int(box.minY * 2) - 3, x1: Int(box.maxX * 2) + 3, y1: Int(box.maxY * 2) + 3), 100)
        XCTAssertGreaterThan(image.countDark(x0: Int(box.minX * 2), y0: Int(box.maxY * 2) + 2, x1: Int(box.maxX * 2), y1: Int(box.maxY * 2 + 4 * th)), 20)
        XCTAssertThrowsError(try ImageGrid(images: [[dark, dark]], cellLabels: [[["a"]]]).renderPNG())
        XCTAssertThrowsError(try ImageGrid(images: [[dark, dark]], highlighted: [[true]]).renderPNG())
    }
}
