import XCTest
@testable import Book
import TrainingCore

/// The output folder: stale files, `clean`, and failed builds that must leave it alone.
final class OutputTests: XCTestCase {
    private func chapter(label: String) -> String {
        "# O\n\nProse.\n\n```experiment\nid: l\nkind: line\n```\n\n```figure\nlabel: \(label)\nfrom: l\nx: x\ny: y\n```\n"
    }

    /// The reproducibility page names the OpenBLAS core the runs were trained with, read from
    /// their results (a committed result may come from another machine than the one rendering).
    func testReproducibilityPageNamesTheRunsOpenBLASCore() throws {
        let book = TestBook()
        book.write("01-o.md", chapter(label: "first"))
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        let page = try XCTUnwrap(book.file("reproducibility.html"))
        XCTAssertTrue(page.contains("<th>Runs trained with OpenBLAS core</th><td>\(BLAS.coreName) (1 run)</td>"), page)
        XCTAssertEqual(ReproducibilityPage.coreCounts(["Prescott", "Cooperlake", "Cooperlake"]), "Cooperlake (2 runs), Prescott (1 run)")
        XCTAssertEqual(ReproducibilityPage.coreCounts([]), "")
    }

    func testRenamedFigureLeavesNoStaleFile() {
        let book = TestBook()
        book.write("01-o.md", chapter(label: "first"))
        book.build()
        XCTAssertTrue(book.exists("figures/01-o-fig-first.png"))
        book.write("01-o.md", chapter(label: "second"))
        book.build()
        XCTAssertFalse(book.exists("figures/01-o-fig-first.png"))
        XCTAssertTrue(book.exists("figures/01-o-fig-second.png"))
    }

    func testLeftoversOfAnInterruptedBuildAreRemoved() throws {
        let book = TestBook()
        book.write("01-o.md", chapter(label: "first"))
        book.build()
        let old = book.output.appendingPathComponent("figures/.tmp-1-interrupted")
        let fresh = book.output.appendingPathComponent("figures/.tmp-2-in-flight")
        try Data("half".utf8).write(to: old)
        try Data("half".utf8).write(to: fresh)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: old.path)
        book.build()
        XCTAssertFalse(FileManager.default.fileExists(atPath: old.path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: fresh.path), "a concurrent build's file in flight is left alone")
    }

    func testCleanRemovesOnlyWhatTheBuildWrote() throws {
        let book = TestBook()
        book.write("01-o.md", chapter(label: "first"))
        book.build()
        try Data("mine".utf8).write(to: book.output.appendingPathComponent("notes.txt"))
        let log = MessageLog()
        let summary = BookBuilder(options: book.options(log: log)).clean()
        XCTAssertEqual(summary.exitCode, 0)
        XCTAssertFalse(book.exists("index.html"))
        XCTAssertFalse(book.exists("figures/01-o-fig-first.png"))
        XCTAssertTrue(book.exists("notes.txt"), "files the build did not write are kept")
        XCTAssertEqual(ResultCache(directory: book.cache).usage().entries, 1, "clean keeps the cache")
        XCTAssertEqual(book.build().0.trainedRuns, 0, "after clean the run comes from the cache")
        XCTAssertEqual(BookBuilder(options: book.options(log: log)).clean(cache: true).exitCode, 0)
        XCTAssertFalse(book.exists("index.html"))
        XCTAssertEqual(ResultCache(directory: book.cache).usage().entries, 0, "clean --cache empties the cache")
        XCTAssertEqual(book.build().0.trainedRuns, 1, "after clean --cache the run is trained again")
    }

    func testAFailedBuildLeavesTheOutputAsItWas() throws {
        let book = TestBook()
        book.write("01-o.md", chapter(label: "first"))
        book.build()
        let before = try XCTUnwrap(book.file("01-o.html"))
        book.write("01-o.md", chapter(label: "first") + "\nNew prose.\n")
        book.write("book.yml", "title: [unclosed\n")
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:") && $0.contains("malformed YAML") }, "\(log.errors)")
        XCTAssertTrue(log.errors.contains { $0.contains("stage 'read book config' failed") }, "\(log.errors)")
        XCTAssertEqual(book.file("01-o.html"), before)
    }

    func testScriptInjectionIsEscapedEverywhere() throws {
        let book = TestBook()
        book.write("01-o.md", """
        # Title <script>alert(1)</script>

        Prose <img src=x onerror=alert(2)> and [a link](javascript:alert(3)).

        <div onclick="alert(4)">raw block</div>

        ```experiment
        id: l
        kind: line
        title: "<script>alert(5)</script>"
        conditions:
          - {name: "<b>bold</b>", slope: 2}
        ```

        ```table
        from: l
        columns: [final]
        caption: "</table><script>alert(6)</script>"
        ```

        """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        let page = try XCTUnwrap(book.file("01-o.html"))
        XCTAssertFalse(page.contains("<script>alert"), "no chapter text becomes a script")
        XCTAssertFalse(page.contains("<img src=x"))
        XCTAssertFalse(page.contains("<div onclick"))
        XCTAssertFalse(page.contains("href=\"javascript:"))
        XCTAssertFalse(page.contains("<b>bold</b>"))
        XCTAssertTrue(page.contains("&lt;b&gt;bold&lt;/b&gt;"), page)
        XCTAssertFalse(try XCTUnwrap(book.file("index.html")).contains("<script>alert"))
    }
}

final class BookConfigTests: XCTestCase {
    func testChapterNamesMustStayInTheFolder() {
        for bad in ["../escape.md", "sub/dir.md", "has space.md", "notes.txt"] {
            let book = TestBook()
            book.write("book.yml", "chapters: [\"\(bad)\"]\n")
            let (summary, log) = book.check()
            XCTAssertEqual(summary.exitCode, 1)
            XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:1:1: chapter '\(bad)' must be a .md file name") }, "\(bad): \(log.errors)")
        }
    }

    func testUnknownConfigKeyIsReportedWithItsLine() {
        let book = TestBook()
        book.write("book.yml", "title: T\nchapter: [a.md]\n")
        let (_, log) = book.check()
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:2:1: unknown key 'chapter' (valid: title, subtitle, introduction, front-matter, chapters, parts, allow-html, min-seeds; did you mean 'chapters'?)") }, "\(log.errors)")
    }
}
