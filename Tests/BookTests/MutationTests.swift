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
            for line in chapters[0].directiveOrder {
                if case .failed(_, let d) = chapters[0].directives[line]! {
                    errors += 1
                    XCTAssertTrue(d.line >= 1 && d.column >= 1, "\(d)")
                }
            }
        }
        XCTAssertGreaterThan(errors, 0, "some edits must break a directive")
    }
}
