import XCTest
@testable import Book

final class BarReferenceLineTests: XCTestCase {
    private func chapter(names: [String], line: String) -> String {
        """
        # A

        ```experiment
        id: bars
        kind: line
        conditions:
          - {name: "\(names[0])", slope: 1}
          - {name: "\(names[1])", slope: 2}
          - {name: "\(names[2])", slope: 3}
        ```

        ```figure
        label: bars
        from: bars
        plot: bar
        x: condition
        y: slope
        lines: [\(line)]
        ```
        """
    }

    /// Numeric categories place `x` between neighbours, linearly: 6 lies halfway from 4 to 8.
    func testSlotPositionInterpolatesBetweenNumericCategories() throws {
        let mark = YAMLMark(line: 1, column: 1)
        XCTAssertEqual(try BarSlotPosition.position(of: 6, among: ["2", "4", "8"], mark: mark), 1.5, accuracy: 1e-12)
        XCTAssertEqual(try BarSlotPosition.position(of: 4, among: ["2", "4", "8"], mark: mark), 1, accuracy: 1e-12)
        XCTAssertEqual(try BarSlotPosition.position(of: 2.5, among: ["2", "4", "8"], mark: mark), 0.25, accuracy: 1e-12)
        XCTAssertEqual(try BarSlotPosition.position(of: 0.75, among: ["1", "0.5"], mark: mark), 0.5, accuracy: 1e-12)
        XCTAssertThrowsError(try BarSlotPosition.position(of: 9, among: ["2", "4", "8"], mark: mark))
    }

    func testVerticalLineOnNumericBarsBuilds() throws {
        let book = TestBook()
        book.write("book.yml", "title: Bars\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter(names: ["2", "4", "8"], line: "{x: 6, label: threshold}"))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        let page = try XCTUnwrap(book.file("01-a.html"))
        XCTAssertFalse(page.contains("error-card"), page)
        XCTAssertTrue(FileManager.default.fileExists(atPath: book.output.appendingPathComponent("figures/01-a-fig-bars.png").path))
    }

    func testVerticalLineOnNamedBarsIsAClearError() {
        let book = TestBook()
        book.write("book.yml", "title: Bars\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter(names: ["small", "medium", "large"], line: "{x: 6, label: threshold}"))
        let (summary, log) = book.build()
        XCTAssertNotEqual(summary.exitCode, 0)
        let message = log.errors.joined(separator: "\n")
        XCTAssertTrue(message.contains("01-a.md:18:13: key 'lines'"), message)
        XCTAssertTrue(message.contains("needs numeric categories, but they are small, medium, large"), message)
    }
}

/// `y-range` fixes the value axis: a figure with it draws differently from one without, and an
/// empty interval is refused with its place in the chapter.
final class FigureValueRangeTests: XCTestCase {
    private func chapter(_ extra: String) -> String {
        """
        # A

        ```experiment
        id: lines
        kind: line
        seeds: [1, 2]
        ```

        ```figure
        label: curve
        from: lines
        x: x
        y: y
        \(extra)
        ```
        """
    }

    private func figureBytes(_ extra: String) throws -> Data {
        let book = TestBook()
        book.write("book.yml", "title: Range\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter(extra))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        return try Data(contentsOf: book.output.appendingPathComponent("figures/01-a-fig-curve.png"))
    }

    func testValueRangeChangesTheAxis() throws {
        let fitted = try figureBytes("")
        let fixed = try figureBytes("y-range: [0, 10]")
        let fixedAgain = try figureBytes("y-range: [0, 10]")
        XCTAssertNotEqual(fitted, fixed, "a fixed axis from 0 to 10 is not the fitted one (y runs 1…5)")
        XCTAssertEqual(fixed, fixedAgain, "the same range draws the same bytes")
    }

    func testEmptyValueRangeIsRefused() {
        let book = TestBook()
        book.write("book.yml", "title: Range\nchapters: [01-a.md]\n")
        book.write("01-a.md", chapter("y-range: [1, 0]"))
        let (summary, log) = book.build()
        XCTAssertNotEqual(summary.exitCode, 0)
        let message = log.errors.joined(separator: "\n")
        XCTAssertTrue(message.contains("01-a.md:14:10: key 'y-range': the lower end 1 must be below the upper end 0"), message)
    }
}
