import XCTest
@testable import Charts

/// libpng round trips and determinism of the encoded bytes.
final class PNGTests: XCTestCase {
    func testRoundTripPreservesPixels() throws {
        var rgba = [UInt8](repeating: 0, count: 7 * 5 * 4)
        for i in 0..<(7 * 5) { rgba[4 * i] = UInt8(i * 7 % 256); rgba[4 * i + 1] = UInt8(i); rgba[4 * i + 2] = 200; rgba[4 * i + 3] = 255 }
        let image = try PNGImage(width: 7, height: 5, rgba: rgba)
        let decoded = try PNGImage.decode(image.encode())
        XCTAssertEqual(decoded, image)
    }

    func testEncodedChunksHaveNoTimestamp() throws {
        let bytes = try Examples.linePlot().renderPNG(width: 480, height: 300, scale: 1)
        XCTAssertEqual(Array(bytes.prefix(8)), [137, 80, 78, 71, 13, 10, 26, 10])
        var types: [String] = []
        var i = 8
        while i + 8 <= bytes.count {
            let len = Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3])
            types.append(String(decoding: bytes[(i + 4)..<(i + 8)], as: UTF8.self))
            i += 12 + len
        }
        XCTAssertEqual(types.first, "IHDR")
        XCTAssertEqual(types.last, "IEND")
        XCTAssertFalse(types.contains("tIME"))
        XCTAssertFalse(types.contains("tEXt"))
    }

    func testIdenticalInputGivesIdenticalBytes() throws {
        let a = try Examples.linePlot().renderPNG()
        let b = try Examples.linePlot().renderPNG()
        XCTAssertEqual(a, b)
        var changed = Examples.linePlot()
        changed.series[0].y[10] *= 1.5
        XCTAssertNotEqual(try changed.renderPNG(), a)
    }

    func testGarbageIsRejectedWithAnError() {
        XCTAssertThrowsError(try PNGImage.decode([1, 2, 3, 4, 5, 6, 7, 8, 9]))
        XCTAssertThrowsError(try PNGImage(width: 2, height: 2, rgba: [0, 0, 0]))
    }
}
