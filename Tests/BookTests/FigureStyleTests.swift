import Charts
import Foundation
import XCTest
@testable import Book

/// Figures of one scalar against another across runs, with legend labels, colours, symmetric-log
/// axes and a dark variant.
final class FigureStyleTests: XCTestCase {
    static func chapter(figure: String) -> String {
        "# S\n\n```experiment\nid: s\nkind: line\nsweep: {slope: [1, 2, 4]}\nseeds: [1, 2]\n```\n\n```figure\nlabel: f\nfrom: s\n\(figure)\n```\n"
    }

    func testScalarAgainstScalarGivesOnePointPerSettingAveragedOverSeeds() throws {
        let book = TestBook()
        book.write("01-s.md", Self.chapter(figure: "plot: scatter\nx: max(y)\ny: final\nlegend: {final: final value}\ncolors: {final: vermillion}\nsymlog-y: 1"))
        let (summary, log) = book.build()
        XCTAssertEqual(log.errors, [])
        XCTAssertEqual(summary.exitCode, 0)
        // final = max(y) = 5·slope + seed/1000; the mean over seeds 1 and 2 adds 0.0015.
        let csv = try XCTUnwrap(book.file("data/01-s-fig-f.csv"))
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        XCTAssertEqual(rows.map { String($0[0]) }, ["final", "final", "final"])
        for (row, slope) in zip(rows, [1.0, 2, 4]) {
            XCTAssertEqual(Double(row[1])!, 5 * slope + 0.0015, accuracy: 1e-9)
            XCTAssertEqual(Double(row[2])!, 5 * slope + 0.0015, accuracy: 1e-9)
            XCTAssertEqual(Double(row[3])!, 0.0005 * 2.0.squareRoot(), accuracy: 1e-6, "sample std of {s + .001, s + .002}")
        }
        let png = try PNGImage.read(from: book.output.appendingPathComponent("figures/01-s-fig-f.png").path)
        var vermillion = 0
        for y in 0..<png.height { for x in 0..<png.width { let p = png.pixel(x: x, y: y); if abs(Int(p.r) - 0xD5) < 12 && abs(Int(p.g) - 0x5E) < 12 && p.b < 20 { vermillion += 1 } } }
        XCTAssertGreaterThan(vermillion, 100, "the series is drawn in the colour the chapter named")
        let dark = try PNGImage.read(from: book.output.appendingPathComponent("figures/01-s-fig-f-dark.png").path)
        XCTAssertEqual(dark.pixel(x: 1, y: 1).r, 27, "the dark variant has a dark background")
        let html = try XCTUnwrap(book.file("01-s.html"))
        XCTAssertTrue(html.contains("<source srcset=\"figures/01-s-fig-f-dark.png\" media=\"(prefers-color-scheme: dark)\">"))
    }

    func testUnknownSeriesNameInLegendIsAnErrorWithASuggestion() {
        let book = TestBook()
        book.write("01-s.md", Self.chapter(figure: "plot: scatter\nx: max(y)\ny: final\nlegend: {fnal: final value}"))
        let (_, log) = book.build()
        XCTAssertTrue(log.errors.contains { $0.contains("01-s.md:") && $0.contains("'fnal' is not a series of this figure (did you mean 'final'?)") }, "\(log.errors)")
    }

    func testBadColourAndLogWithSymlogAreErrors() {
        let book = TestBook()
        book.write("01-s.md", Self.chapter(figure: "x: x\ny: y\ncolors: {slope=1: teal}"))
        XCTAssertTrue(book.build().1.errors.contains { $0.contains("'teal' is not a colour") }, "teal")
        book.write("01-s.md", Self.chapter(figure: "x: x\ny: y\nlog-x: true\nsymlog-x: 1"))
        XCTAssertTrue(book.build().1.errors.contains { $0.contains("choose either 'symlog-x' or 'log-x'") })
    }

    func testPanelsDrawOnePanelPerValue() throws {
        let book = TestBook()
        book.write("01-s.md", Self.chapter(figure: "x: x\ny: y\npanels: slope\ntitle: Lines"))
        let (summary, log) = book.build()
        XCTAssertEqual(log.errors, [])
        XCTAssertEqual(summary.exitCode, 0)
        let png = try PNGImage.read(from: book.output.appendingPathComponent("figures/01-s-fig-f.png").path)
        XCTAssertEqual(png.width, 3 * FigurePanels.panelWidth * 2, "three panels side by side at scale 2")
        let csv = try XCTUnwrap(book.file("data/01-s-fig-f.csv"))
        let look = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("memgen-book-panels.png")
        try? FileManager.default.removeItem(at: look)
        try? FileManager.default.copyItem(at: book.output.appendingPathComponent("figures/01-s-fig-f.png"), to: look)
        for slope in [1, 2, 4] { XCTAssertTrue(csv.contains("\n\"slope=\(slope), y\","), "panel slope=\(slope) in the CSV") }
        XCTAssertTrue(try XCTUnwrap(book.file("01-s.html")).contains("width=\"960\" height=\"274\""))
        book.write("01-s.md", Self.chapter(figure: "x: x\ny: y\npanels: slop"))
        XCTAssertTrue(book.build().1.errors.contains { $0.contains("panels") }, "an unknown parameter is an error")
    }

    func testOneFigureFromSeveralExperiments() throws {
        let book = TestBook()
        let chapter = "# S\n\n```experiment\nid: a\nkind: line\n```\n\n```experiment\nid: b\nkind: line\nslope: 3\n```\n\n```figure\nlabel: f\nfrom: a\nalso-from: [b]\nx: x\ny: y\ncolors: {\"b, y\": vermillion}\n```\n"
        book.write("01-s.md", chapter)
        let (summary, log) = book.build()
        XCTAssertEqual(log.errors, [])
        XCTAssertEqual(summary.exitCode, 0)
        let csv = try XCTUnwrap(book.file("data/01-s-fig-f.csv"))
        // y = slope · x + seed/1000 with seed 1 (the default): a has slope 1, b slope 3; x = 5 is the last point.
        XCTAssertTrue(csv.contains("\n\"a, y\",5.0,5.001,"), csv)
        XCTAssertTrue(csv.contains("\n\"b, y\",5.0,15.001,"), csv)
        book.write("01-s.md", chapter.replacingOccurrences(of: "also-from: [b]", with: "also-from: [bb]"))
        XCTAssertTrue(book.build().1.errors.contains { $0.contains("no experiment 'bb' (did you mean 'b'?)") })
    }
}
