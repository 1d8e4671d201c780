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
}
