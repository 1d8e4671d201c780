import Foundation
import XCTest
@testable import SearchIndex

/// A rendered page becomes one search document per section, with visible text only.
final class PageSectionsTests: XCTestCase {
    static let page = """
    <!DOCTYPE html><html><head><title>Fitting random labels · The book</title>
    <script>var notText = 1;</script></head><body>
    <nav class="sidebar"><a href="index.html">Contents</a></nav>
    <main><article>
    <h1 id="top"><span class="chapter-number">Chapter 2</span> Fitting random labels</h1>
    <p>Networks fit <em>random</em> labels &amp; noise.</p><p>As in <a class="citation" href="#ref-z">Zhang et al. (2017)</a>&#39;s Table&nbsp;1.</p>
    <h2 id="sec-question">The question <a class="anchor" href="#sec-question">#</a></h2>
    <p>Does SGD memorize? See <a href="x.html">this</a>&nbsp;now.</p>
    <!-- a comment -->
    <h3>No id here</h3><p>Still the question.</p>
    <h2 id="sec-capacity">Capacity &#8722; and &#x3bb;</h2><p>Width 512.</p>
    </article></main><footer>Not in main</footer></body></html>
    """

    func testSectionsAreCutAtHeadingsWithIDs() {
        let docs = PageSections.split(html: Self.page, url: "01-random-labels.html")
        XCTAssertEqual(docs, [
            SearchDocument(url: "01-random-labels.html#top", page: "Fitting random labels",
                           section: "Chapter 2 Fitting random labels", text: "Networks fit random labels & noise. As in Zhang et al. (2017)'s Table 1."),
            SearchDocument(url: "01-random-labels.html#sec-question", page: "Fitting random labels",
                           section: "The question", text: "Does SGD memorize? See this now. No id here Still the question."),
            SearchDocument(url: "01-random-labels.html#sec-capacity", page: "Fitting random labels",
                           section: "Capacity \u{2212} and λ", text: "Width 512."),
        ])
    }

    func testIndexScriptIsTheDocumentsAsJSON() throws {
        var index = SearchIndex()
        index.addPage(html: Self.page, url: "a.html")
        let script = try index.script()
        let prefix = "window.memgenSearchDocuments = "
        let json = try XCTUnwrap(script.components(separatedBy: prefix).last?.dropLast(2))
        let decoded = try JSONDecoder().decode([SearchDocument].self, from: Data(json.utf8))
        XCTAssertEqual(decoded, index.documents)
        XCTAssertEqual(decoded.count, 3)
    }

    func testAssetsCopyDebianLunrAndFailClearlyWithout() throws {
        let files = try SearchIndex().assets()
        XCTAssertEqual(Set(files.keys), ["assets/search/lunr.min.js", "search-index.js",
                                         "assets/search/search.js", "assets/search/search.css"])
        XCTAssertTrue(String(decoding: files["assets/search/lunr.min.js"]!.prefix(400), as: UTF8.self).contains("lunr"))
        XCTAssertThrowsError(try SearchIndex().assets(lunrPath: "/nonexistent/lunr.js")) { e in
            XCTAssertTrue("\(e)".contains("libjs-lunr"))
        }
    }
}
