import XCTest
import TrainingCore
@testable import Book

/// Mangled chapters must give errors, never crashes: random edits of a chapter that exercises every
/// directive kind, each parsed, validated and indexed (no training).
final class MutationTests: XCTestCase {
    func testRandomEditsNeverCrashTheParserOrTheIndex() {
        let source = Array(FixtureBookTests.chapter.unicodeScalars)
        let alphabet = Array(":{}[]-,#$@\\\"' \n\tabcxyz019.|>&*!%`~".unicodeScalars)
        var rng = SeededGenerator(seed: 2024)
        var errors = 0
        for _ in 0..<300 {
            var text = source
            for _ in 0..<(1 + rng.nextInt(below: 4)) {
                let i = rng.nextInt(below: text.count)
                switch rng.nextInt(below: 3) {
                case 0: text.remove(at: i)
                case 1: text.insert(alphabet[rng.nextInt(below: alphabet.count)], at: i)
                default: text[i] = alphabet[rng.nextInt(below: alphabet.count)]
                }
            }
            var chapters = [Chapter.parse(text: String(String.UnicodeScalarView(text)), file: "m.md", slug: "m", number: 1,
                                          kinds: ExperimentRegistry.standard + [LineExperiment()])]
            var diagnostics: [Diagnostic] = []
            _ = BookIndex.build(&chapters, diagnostics: &diagnostics)
            for placed in chapters[0].directives {
                if case .failed(_, let d) = placed.directive {
                    errors += 1
                    XCTAssertTrue(d.line >= 1 && d.column >= 1, "\(d)")
                }
            }
        }
        XCTAssertGreaterThan(errors, 0, "some edits must break a directive")
    }
}

/// The same through a whole build (closed-form experiments, so training is instant): rendering
/// figures, tables and claims from mangled directives gives error cards, never a crash.
/// (10 edits per test run, since each build draws PNGs in a debug build; 400 were tried once.)
final class MutationBuildTests: XCTestCase {
    static let chapter = """
    # Lines

    See @fig:a, @tbl:b and @claim:c.

    ```experiment
    id: lines
    kind: line
    sweep: {slope: [1, 2, 3], shape: [linear, {power: 2}]}
    seeds: [1, 2]
    ```

    ```figure
    label: a
    from: lines
    x: slope
    y: [final, max(y)]
    series: [shape]
    lines: [{y: 4, label: four}]
    ```

    ```table
    label: b
    from: lines
    rows: [slope, shape]
    columns: [final, {metric: first(y), label: start}]
    paper: [{where: {slope: 1, shape: linear}, final: 5}]
    ```

    ```claim
    label: c
    from: lines
    metric: final
    where: {shape: linear}
    expect: {increasing: slope, tolerance: 0.1}
    ```

    ```figure
    plot: histogram
    from: lines
    y: y
    series: []
    ```

    """

    func testRandomEditsNeverCrashABuild() {
        let source = Array(MutationBuildTests.chapter.unicodeScalars)
        let alphabet = Array(":{}[]-,#$@ \nabcxyz0129.".unicodeScalars)
        var rng = SeededGenerator(seed: 7)
        let book = TestBook()
        var failed = 0
        for _ in 0..<10 {
            var text = source
            for _ in 0..<(1 + rng.nextInt(below: 3)) {
                let i = rng.nextInt(below: text.count)
                switch rng.nextInt(below: 3) {
                case 0: text.remove(at: i)
                case 1: text.insert(alphabet[rng.nextInt(below: alphabet.count)], at: i)
                default: text[i] = alphabet[rng.nextInt(below: alphabet.count)]
                }
            }
            book.write("01-m.md", String(String.UnicodeScalarView(text)))
            let (summary, _) = book.build()
            if summary.exitCode != 0 { failed += 1 }
            XCTAssertTrue(book.exists("01-m.html"), "the page is written even when directives fail")
        }
        XCTAssertGreaterThan(failed, 0)
    }
}
