import XCTest
@testable import PrintBook

/// Two pages joined into one: unique ids, links that land, a table of contents.
final class PrintBookTests: XCTestCase {
    static let first = """
    <html><head><title>Intro · Book</title><link rel="stylesheet" href="assets/book.css"></head><body>
    <nav class="sidebar"><a href="index.html">x</a></nav><main>
    <h1 id="top"><span class="chapter-number">Chapter 1</span> Intro</h1>
    <h2 id="sec-a">Part A <a class="anchor" href="#sec-a">#</a></h2>
    <p>See <a href="#fig-x">Figure 1.1</a>, <a href="02-next.html#sec-b">the next chapter</a>, <a href="02-next.html">it</a>,
    <a href="index.html">contents</a>, <a href="data/x.json">data</a>.</p>
    <figure id="fig-x"><img src="figures/x.png"><figcaption>Figure 1.1. X.</figcaption></figure>
    </main><script src="assets/katex/katex.min.js"></script><script src="assets/search/search.js"></script></body></html>
    """
    static let second = """
    <html><head><title>Next · Book</title></head><body><main>
    <h1 id="top">Next</h1><h2 id="sec-b">Part B</h2><p>Back to <a href="01-intro.html#sec-a">A</a>.</p>
    </main></body></html>
    """

    func testIdsArePrefixedAndLinksPointInside() throws {
        let html = PrintBook(title: "Book", pages: [("01-intro.html", Self.first), ("02-next.html", Self.second)]).html()
        for id in ["01-intro--top", "01-intro--sec-a", "01-intro--fig-x", "02-next--top", "02-next--sec-b", "01-intro", "02-next", "contents"] {
            XCTAssertTrue(html.contains(" id=\"\(id)\""), id)
        }
        for href in ["#01-intro--fig-x", "#02-next--sec-b", "#02-next", "#01-intro--sec-a", "#contents", "data/x.json"] {
            XCTAssertTrue(html.contains("href=\"\(href)\""), href)
        }
        XCTAssertFalse(html.contains("id=\"top\""))
        XCTAssertFalse(html.contains("sidebar"), "only <main> is taken")
        XCTAssertTrue(html.contains("src=\"figures/x.png\""))
        XCTAssertTrue(html.contains("<script src=\"assets/katex/katex.min.js\"></script>"))
        XCTAssertFalse(html.contains("assets/search/"), "no search box on paper")
    }

    func testTableOfContentsListsChaptersAndSections() {
        let html = PrintBook(title: "Book", pages: [("01-intro.html", Self.first), ("02-next.html", Self.second)]).html()
        let toc = html.components(separatedBy: "<nav class=\"print-toc\"")[1].components(separatedBy: "</nav>")[0]
        XCTAssertTrue(toc.contains("<li><a href=\"#01-intro\"><span class=\"chapter-number\">Chapter 1</span> Intro</a><ol><li><a href=\"#01-intro--sec-a\">Part A</a></li></ol></li>"), toc)
        XCTAssertTrue(toc.contains("<li><a href=\"#02-next\">Next</a><ol><li><a href=\"#02-next--sec-b\">Part B</a></li></ol></li>"), toc)
    }

    func testBookTitleFromTheIndexPage() {
        XCTAssertEqual(PrintBook.bookTitle(indexPage: "<a class=\"book-title\" href=\"index.html\">Memorization</a>"), "Memorization")
        XCTAssertEqual(PrintBook.bookTitle(indexPage: "<title>Only a title</title>"), "Only a title")
        XCTAssertNil(PrintBook.bookTitle(indexPage: ""))
    }
}
