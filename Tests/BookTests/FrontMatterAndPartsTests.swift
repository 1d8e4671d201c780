import XCTest
@testable import Book

/// `front-matter:` pages without a chapter number and `parts:` in the navigation.
final class FrontMatterAndPartsTests: XCTestCase {
    private func page(_ title: String, label: String) -> String {
        "# \(title)\n\nProse.\n\n```experiment\nid: \(label)\nkind: line\n```\n\n```figure\nlabel: \(label)\nfrom: \(label)\nx: x\ny: y\ncaption: A line.\n```\n\nSee @fig:\(label).\n"
    }

    private func partsBook() -> TestBook {
        let book = TestBook()
        book.write("book.yml", """
        title: Parts
        front-matter: [00-intro.md]
        parts:
          - title: Fitting
            chapters: [01-a.md, 02-b.md]
          - title: Measuring
            chapters: [03-c.md]
        """)
        book.write("00-intro.md", page("Introduction", label: "intro"))
        book.write("01-a.md", page("Alpha", label: "alpha"))
        book.write("02-b.md", page("Beta", label: "beta"))
        book.write("03-c.md", page("Gamma", label: "gamma"))
        return book
    }

    func testFrontMatterHasNoNumberAndTheFirstChapterIsChapterOne() throws {
        let book = partsBook()
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, "\(log.errors)")
        let intro = try XCTUnwrap(book.file("00-intro.html"))
        XCTAssertFalse(intro.contains("class=\"chapter-number\""), "front matter has no 'Chapter N' above its title")
        XCTAssertTrue(intro.contains("Figure 1."), "its figures are numbered without a chapter number")
        XCTAssertFalse(intro.contains("Figure 0."))
        let first = try XCTUnwrap(book.file("01-a.html"))
        XCTAssertTrue(first.contains("<span class=\"chapter-number\">Chapter 1</span>"), "file 01 is chapter 1")
        XCTAssertTrue(first.contains("Figure 1.1"))
        XCTAssertTrue(try XCTUnwrap(book.file("03-c.html")).contains("Chapter 3</span>"))
        XCTAssertTrue(first.contains("← Introduction</a>"), "the pager names front matter without a number")
        XCTAssertTrue(intro.contains("1. Alpha →</a>"))
    }

    func testPartsHeadTheirChaptersInTheNavigationAndOnTheHomePage() throws {
        let book = partsBook()
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, "\(log.errors)")
        let page = try XCTUnwrap(book.file("02-b.html"))
        let fitting = try XCTUnwrap(page.range(of: "<li class=\"part\">Fitting</li>"))
        let measuring = try XCTUnwrap(page.range(of: "<li class=\"part\">Measuring</li>"))
        let alpha = try XCTUnwrap(page.range(of: "Alpha</a>"))
        let gamma = try XCTUnwrap(page.range(of: "Gamma</a>"))
        let intro = try XCTUnwrap(page.range(of: "Introduction</a>"))
        XCTAssertTrue(intro.lowerBound < fitting.lowerBound && fitting.lowerBound < alpha.lowerBound
                      && alpha.lowerBound < measuring.lowerBound && measuring.lowerBound < gamma.lowerBound,
                      "front matter, then each part's title before its chapters")
        let home = try XCTUnwrap(book.file("index.html"))
        XCTAssertTrue(home.contains("<li class=\"part\">Measuring</li>\n<li><a href=\"03-c.html\">3. Gamma</a>"), home)
        XCTAssertTrue(home.contains("<a href=\"00-intro.html\">Introduction</a>"))
    }

    func testChaptersAndPartsTogetherIsAnErrorAtThePartsKey() {
        let book = TestBook()
        book.write("book.yml", "title: T\nchapters: [01-a.md]\nparts:\n  - title: P\n    chapters: [01-a.md]\n")
        book.write("01-a.md", page("Alpha", label: "alpha"))
        let (summary, log) = book.build()
        XCTAssertNotEqual(summary.exitCode, 0)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:3:1: key 'parts': give either 'chapters:'") }, "\(log.errors)")
    }

    func testAPartWithoutChaptersNamesItsKey() {
        let book = TestBook()
        book.write("book.yml", "title: T\nparts:\n  - title: P\n")
        book.write("01-a.md", page("Alpha", label: "alpha"))
        let (summary, log) = book.build()
        XCTAssertNotEqual(summary.exitCode, 0)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/book.yml:3:") && $0.contains("chapters") }, "\(log.errors)")
    }

    func testFrontMatterListedAgainAsAChapterIsAnError() {
        let book = TestBook()
        book.write("book.yml", "title: T\nfront-matter: [01-a.md]\nchapters: [01-a.md]\n")
        book.write("01-a.md", page("Alpha", label: "alpha"))
        let (_, log) = book.build()
        XCTAssertTrue(log.errors.contains { $0.contains("chapter '01-a.md' is listed more than once") }, "\(log.errors)")
    }

    func testNewChapterJoinsTheLastPart() throws {
        let text = "title: T\nparts:\n  - title: A\n    chapters:\n      - 01-a.md\n  - title: B\n    chapters:\n      - 02-b.md\nmin-seeds: 3\n"
        XCTAssertEqual(try BookScaffold.addingChapter("03-c.md", to: text, file: "book.yml"),
                       "title: T\nparts:\n  - title: A\n    chapters:\n      - 01-a.md\n  - title: B\n    chapters:\n      - 02-b.md\n      - 03-c.md\nmin-seeds: 3\n")
    }
}
