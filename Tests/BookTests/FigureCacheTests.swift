import Charts
import XCTest
@testable import Book

final class FigureCacheTests: XCTestCase {
    private func plot(_ y: [Double]) -> LinePlot {
        LinePlot(xAxis: Axis("x"), yAxis: Axis("y"), series: [Series("s", x: [0, 1, 2], y: y)])
    }

    func testCachedPictureEqualsDrawnPictureAndIsKeyedByDescription() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("figcache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let cache = FigureCache(directory: folder)
        let drawn = try plot([1, 2, 3]).renderPNG(width: 320, height: 200, scale: 1)

        let first = try cache.png(plot([1, 2, 3]), width: 320, height: 200, scale: 1)
        XCTAssertEqual(first, drawn)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(files.count, 1)
        XCTAssertEqual(try cache.png(plot([1, 2, 3]), width: 320, height: 200, scale: 1), drawn)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 1, "same description, same entry")

        // Another description or size is another entry.
        _ = try cache.png(plot([3, 2, 1]), width: 320, height: 200, scale: 1)
        _ = try cache.png(plot([1, 2, 3]), width: 321, height: 200, scale: 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).count, 3)

        // A truncated entry is drawn again, not served.
        let entry = folder.appendingPathComponent(files[0])
        try Data(drawn.prefix(100)).write(to: entry)
        XCTAssertEqual(try cache.png(plot([1, 2, 3]), width: 320, height: 200, scale: 1), drawn)
        XCTAssertEqual(try Data(contentsOf: entry), Data(drawn))
    }

    func testRendererIdentityIsStableWithinAndAcrossReads() {
        XCTAssertFalse(FigureCache.rendererIdentity.isEmpty)
        XCTAssertFalse(FigureCache.rendererIdentity.hasPrefix("0-"), "must describe the executable, not the /proc link")
    }
}
