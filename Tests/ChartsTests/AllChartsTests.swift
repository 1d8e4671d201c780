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
            try Data(a).write(to: URL(fileURLWithPath: Examples.path("small-\(name)")))
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

    func testUnreasonableSizesAreErrors() {
        XCTAssertThrowsError(try Examples.linePlot().renderPNG(width: 8000, height: 8000, scale: 4))
        XCTAssertThrowsError(try Examples.linePlot().renderPNG(width: 640, height: 400, scale: 0))
        XCTAssertThrowsError(try Examples.imageGrid().renderPNG(width: -5, height: 400))
    }

    func testWriteFailureIsAnError() {
        XCTAssertThrowsError(try Examples.groupedBars().write(to: "/proc/no-such-dir/x.png")) { e in
            XCTAssertTrue("\(e)".contains("write failed"))
        }
    }
}

extension AllChartsTests {
    func testConcurrentRenderingGivesTheSameBytesAsSerial() throws {
        let charts: [any Chart] = examples.map(\.1)
        let serial = try charts.map { try $0.renderPNG(width: 480, height: 300, scale: 1) }
        let results = ResultBox(count: charts.count)
        DispatchQueue.concurrentPerform(iterations: charts.count) { i in
            results.set(i, try? charts[i].renderPNG(width: 480, height: 300, scale: 1))
        }
        for i in charts.indices { XCTAssertEqual(results.get(i), serial[i], examples[i].0) }
    }

    func testShortPlotThinsYLabels() throws {
        let x = (0...10).map(Double.init)
        let plot = LinePlot(xAxis: Axis("x"), yAxis: Axis("y"), series: [Series("s", x: x, y: x)], legend: .hidden)
        let layout = try plot.chart().resolve(try Canvas(logicalWidth: 400, logicalHeight: 120, scale: 2)).0
        XCTAssertGreaterThan(layout.yLabelStep, 1)
    }
}

/// Thread-safe slots for results computed concurrently.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [[UInt8]?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ v: [UInt8]?) { lock.lock(); slots[i] = v; lock.unlock() }
    func get(_ i: Int) -> [UInt8]? { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
