import Foundation
import XCTest
@testable import Book

/// `init`, `new` and `cache gc`.
final class ScaffoldTests: XCTestCase {
    var root: URL!

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-scaffold-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: root) }

    private func options(_ log: MessageLog, profile: Profile = .quick) -> BuildOptions {
        BuildOptions(chaptersDirectory: root.appendingPathComponent("Chapters"), outputDirectory: root.appendingPathComponent("Output"),
                     cacheDirectory: root.appendingPathComponent("cache"), profile: profile,
                     capture: { line, isError in log.append(line, isError) })
    }

    func testANewBookBuildsAsItIsAndANewChapterJoinsIt() throws {
        try BookScaffold.initBook(at: root, title: "Test \"quoted\" book")
        let log = MessageLog()
        let first = BookBuilder(options: options(log)).build()
        XCTAssertEqual(first.exitCode, 0, "\(first.errors)")
        XCTAssertEqual(first.plannedRuns, 1, "the quick profile runs one seed")
        let home = try String(contentsOf: root.appendingPathComponent("Output/index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains("Test &quot;quoted&quot; book") || home.contains("Test \"quoted\" book"), "the title is the given one")

        let file = try BookScaffold.newChapter("pruning basics", in: root.appendingPathComponent("Chapters"))
        XCTAssertEqual(file.lastPathComponent, "02-pruning-basics.md")
        let config = try String(contentsOf: root.appendingPathComponent("Chapters/book.yml"), encoding: .utf8)
        XCTAssertTrue(config.contains("  - 01-first-experiment.md\n  - 02-pruning-basics.md\n"), config)
        let second = BookBuilder(options: options(log)).build()
        XCTAssertEqual(second.exitCode, 0, "\(second.errors)")
        XCTAssertEqual(second.chapters, 2)
        XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent("Output/02-pruning-basics.html").path))
        // Its claim is judged under the full profile like any other.
        let full = BookBuilder(options: options(log, profile: .full)).check()
        XCTAssertEqual(full.exitCode, 0, "\(full.errors)")
        XCTAssertEqual(full.plannedRuns, 3, "three seeds; the two template experiments have the same spec, so the same runs")

        XCTAssertThrowsError(try BookScaffold.newChapter("pruning-basics", in: root.appendingPathComponent("Chapters"))) { error in
            XCTAssertTrue("\(error)".contains("02-pruning-basics.md"), "\(error)")
        }
        XCTAssertEqual(try BookScaffold.newChapter("17-extra", in: root.appendingPathComponent("Chapters")).lastPathComponent, "17-extra.md")
        XCTAssertThrowsError(try BookScaffold.newChapter("bad/name", in: root.appendingPathComponent("Chapters")))
        XCTAssertThrowsError(try BookScaffold.initBook(at: root), "init refuses a book that exists")
    }

    func testAddingAChapterKeepsTheRestOfBookYml() throws {
        let text = "title: T\nchapters:\n    - 01-a.md   # first\n    - 02-b.md\n\nmin-seeds: 3\n"
        XCTAssertEqual(try BookScaffold.addingChapter("03-c.md", to: text, file: "book.yml"),
                       "title: T\nchapters:\n    - 01-a.md   # first\n    - 02-b.md\n    - 03-c.md\n\nmin-seeds: 3\n")
        XCTAssertEqual(try BookScaffold.addingChapter("03-c.md", to: "title: T\n", file: "book.yml"), "title: T\n", "no list: every .md is a chapter")
        XCTAssertThrowsError(try BookScaffold.addingChapter("03-c.md", to: "chapters: [01-a.md]\n", file: "book.yml"))
    }

    func testCacheGCRemovesOnlyRunsNoChapterUses() throws {
        let book = TestBook()
        let chapter = { (slopes: String) in "# G\n\n```experiment\nid: lines\nkind: line\nsweep: {slope: [\(slopes)]}\nseeds: [1, 2]\n```\n" }
        book.write("01-g.md", chapter("1, 2, 3"))
        book.build()
        book.build(profile: .quick)
        let both = ResultCache(directory: book.cache).usage().entries
        book.write("01-g.md", chapter("1, 2"))
        let log = MessageLog()
        let summary = BookBuilder(options: book.options(log: log)).collectGarbage()
        XCTAssertEqual(summary.exitCode, 0, "\(summary.errors)")
        XCTAssertEqual(both, 9, "six full runs and three quick runs (one seed each)")
        XCTAssertEqual(ResultCache(directory: book.cache).usage().entries, both - 3, "slope 3's runs (two full, one quick) are removed")
        XCTAssertEqual(book.build().0.trainedRuns, 0, "runs in use are kept")
        XCTAssertEqual(book.build(profile: .quick).0.trainedRuns, 0, "quick-profile runs in use are kept")
        // A book with an error removes nothing.
        book.write("01-g.md", chapter("1, 2") + "\n```figure\nfrom: nowhere\nx: x\ny: y\n```\n")
        XCTAssertEqual(BookBuilder(options: book.options(log: log)).collectGarbage().exitCode, 1)
        XCTAssertEqual(ResultCache(directory: book.cache).usage().entries, both - 3)
    }
}
