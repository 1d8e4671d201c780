import XCTest
@testable import SiteCheck

final class HTMLScannerTests: XCTestCase {
    func testReadsQuotedUnquotedAndBareAttributesWithLineNumbers() {
        let html = """
        <!doctype html>
        <p id=intro class='a b'>text</p>
        <IMG SRC="x.png" alt="a &amp; b &#x3C;&#62;" hidden>
        """
        let tags = HTMLScanner(html).tags()
        XCTAssertEqual(tags.map(\.name), ["p", "img"])
        XCTAssertEqual(tags[0].attributes, ["id": "intro", "class": "a b"])
        XCTAssertEqual(tags[0].line, 2)
        XCTAssertEqual(tags[1].attributes, ["src": "x.png", "alt": "a & b <>", "hidden": ""])
        XCTAssertEqual(tags[1].line, 3)
    }

    func testSkipsCommentsScriptTextAndEndTags() {
        let html = """
        <!-- <a href="commented.html"> -->
        <script>if (a <b) { document.write('<a href="inscript.html">') }</script>
        <style>p > a { color: red }</style>
        <a href="real.html">x</a>
        """
        let tags = HTMLScanner(html).tags()
        XCTAssertEqual(tags.map(\.name), ["script", "style", "a"])
        XCTAssertEqual(tags[2].attributes["href"], "real.html")
        XCTAssertEqual(tags[2].line, 4)
    }

    func testMultiLineTagKeepsItsStartLineAndCountsLinesInside() {
        let html = "<a\n href=\"a.html\"\n id=\"x\">\n<b id=y>"
        let tags = HTMLScanner(html).tags()
        XCTAssertEqual(tags.map(\.line), [1, 4])
        XCTAssertEqual(tags[0].attributes, ["href": "a.html", "id": "x"])
    }

    func testUnknownNamedEntitiesStayAsWritten() {
        XCTAssertEqual(HTMLScanner.decodeEntities("&nbsp;&amp;&bogus"), "&nbsp;&&bogus")
    }
}
