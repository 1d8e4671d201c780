import XCTest
@testable import Book

/// Figure alt text, dark colours and the phone's contents bar.
final class ReadingComfortTests: XCTestCase {
    static let chapter = """
    # Alt

    ```experiment
    id: lines
    kind: line
    ```

    ```figure
    label: first
    from: lines
    x: x
    y: y
    caption: The line.
    ```

    ```figure
    from: lines
    x: x
    y: y
    caption: Like @fig:first but with $y = 2x$ and @fig:nowhere.
    ```

    ```figure
    from: lines
    x: x
    y: y
    caption: A caption.
    alt: A straight line rising from 1 to 5.
    ```

    ## A section
    """

    func testAltTextIsPlainOrWritten() throws {
        let book = TestBook()
        book.write("01-alt.md", Self.chapter)
        book.build()
        let page = try XCTUnwrap(book.file("01-alt.html"))
        XCTAssertTrue(page.contains("alt=\"Figure 1.1: The line.\""))
        XCTAssertTrue(page.contains("alt=\"Figure 1.2: Like Figure 1.1 but with y = 2x and @fig:nowhere.\""), "references read as their links, formulas as TeX")
        XCTAssertTrue(page.contains("alt=\"A straight line rising from 1 to 5.\""))
    }

    func testThePhoneContentsBarHoldsChaptersAndOutline() throws {
        let book = TestBook()
        book.write("01-alt.md", Self.chapter)
        book.build()
        let page = try XCTUnwrap(book.file("01-alt.html"))
        let start = try XCTUnwrap(page.range(of: "<details class=\"toc\" open>\n<summary>Contents</summary>"))
        let end = try XCTUnwrap(page.range(of: "</details>"))
        let toc = page[start.upperBound..<end.lowerBound]
        XCTAssertTrue(toc.contains("<ol class=\"chapters\">"))
        XCTAssertTrue(toc.contains("<a href=\"#a-section\">A section</a>"), "the outline is inside the contents bar")
        let script = try XCTUnwrap(page.range(of: "<script>(() => { const q = window.matchMedia(\"(max-width: 820px)\")"))
        XCTAssertTrue(page.contains("q.addEventListener(\"change\", fold)"), "a window narrowed after loading folds too")
        let main = try XCTUnwrap(page.range(of: "<main>"))
        XCTAssertTrue(end.upperBound <= script.lowerBound && script.upperBound <= main.lowerBound, "closed before the text is parsed")
        XCTAssertTrue(SiteAssets.stylesheet.contains("@media (max-width: 820px)"), "the script and the stylesheet agree on the phone width")
    }

    /// Every colour the light theme defines is redefined for dark mode.
    func testDarkModeRedefinesEveryColour() throws {
        let css = SiteAssets.stylesheet
        func variables(_ block: Substring) -> Set<String> {
            Set(block.split(separator: ";").compactMap { part in
                guard let r = part.range(of: "--") else { return nil }
                return part[r.lowerBound...].split(separator: ":").first.map { String($0).trimmingWhitespace }
            })
        }
        let lightStart = try XCTUnwrap(css.range(of: ":root {"))
        let light = css[lightStart.upperBound...].prefix { $0 != "}" }
        let darkStart = try XCTUnwrap(css.range(of: "@media (prefers-color-scheme: dark) {\n  :root {"))
        let dark = css[darkStart.upperBound...].prefix { $0 != "}" }
        XCTAssertGreaterThan(variables(light).count, 10)
        XCTAssertEqual(variables(dark), variables(light))
        let rules = css.split(separator: "\n").filter { !$0.contains("--") && !$0.contains("figure.result img") }
        XCTAssertEqual(rules.filter { String($0).range(of: "#[0-9a-fA-F]{3,6}\\b", options: .regularExpression) != nil }, [],
                       "rules take their colours from the variables (figures keep their white card)")
    }
}
