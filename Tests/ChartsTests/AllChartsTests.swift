import Foundation
import XCTest
@testable import Charts

/// Properties every plot kind shares: size, determinism, values that survive a JSON round trip.
final class AllChartsTests: XCTestCase {
    let examples: [(String, any Chart)] = [
        ("line", Examples.linePlot()), ("scatter", Examples.informationPlane()),
        ("histogram", Examples.overlaidHistogram()), ("bars", Examples.groupedBars()),
        ("heatmap", Examples.heatMap()), ("images", Examples.imageGrid()),
    ]

    func testEveryKindRendersAtTwiceTheLogicalSizeAndIsDeterministic() throws {
        for (name, chart) in examples {
            let a = try chart.renderPNG(width: 480, height: 300, scale: 2)
            let b = try chart.renderPNG(width: 480, height: 300, scale: 2)
            XCTAssertEqual(a, b, name)
            try chart.write(to: Examples.path("small-\(name)"), width: 480, height: 300, scale: 2)
            let image = try PNGImage.decode(a)
            XCTAssertEqual([image.width, image.height], [960, 600], name)
            // Not blank: a real figure has many non-white pixels.
            XCTAssertGreaterThan(image.countDark(x0: 0, y0: 0, x1: 960, y1: 600, threshold: 200), 500, name)
        }
    }

    func testDescriptionsAreCodableValues() throws {
        func roundTrip<T: Codable & Equatable>(_ value: T) throws {
            let data = try JSONEncoder().encode(value)
            XCTAssertEqual(try JSONDecoder().decode(T.self, from: data), value)
        }
        try roundTrip(Examples.linePlot())
        try roundTrip(Examples.informationPlane())
        try roundTrip(Examples.overlaidHistogram())
        try roundTrip(Examples.groupedBars())
        try roundTrip(Examples.heatMap())
        try roundTrip(Examples.imageGrid())
    }

    func testWriteFailureIsAnError() {
        XCTAssertThrowsError(try Examples.groupedBars().write(to: "/proc/no-such-dir/x.png")) { e in
            XCTAssertTrue("\(e)".contains("write failed"))
        }
    }
}
