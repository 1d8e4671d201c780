import XCTest
@testable import Charts

/// Colours a chapter may name for a series.
final class ColorNameTests: XCTestCase {
    func testNamesAndHexCodes() {
        XCTAssertEqual(Color(name: "vermillion"), Color(hex: 0xD55E00))
        XCTAssertEqual(Color(name: "Sky-Blue"), Color(hex: 0x56B4E9))
        XCTAssertEqual(Color(name: "#336699")?.rgb8.2, 0x99)
        XCTAssertNil(Color(name: "#33669"))
        XCTAssertNil(Color(name: "teal"))
    }
}
