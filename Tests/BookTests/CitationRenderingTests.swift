import Bibliography
import XCTest
@testable import Book

/// Citations in chapter text become author–year links; reference lists link back by id.
final class CitationRenderingTests: XCTestCase {
    static let bibliography = try! Bibliography(entries: [
        BibEntry(key: "zhang2017", type: "inproceedings",
                 fields: ["title": "Understanding <deep> learning", "year": "2017", "booktitle": "ICLR", "eprint": "1611.03530"],
                 authors: [PersonName(first: "Chiyuan", last: "Zhang"), PersonName(first: "Samy", last: "Bengio"), PersonName(first: "Moritz", last: "Hardt")], line: 1),
        BibEntry(key: "arpit2017", type: "inproceedings", fields: ["title": "A closer look", "year": "2017", "booktitle": "ICML"],
                 authors: [PersonName(first: "Devansh", last: "Arpit"), PersonName(first: "Yoshua", last: "Bengio")], line: 9),
    ], file: "Chapters/references.bib")

    func testCitationsBecomeLinks() {
        let html = CitationRenderer.html("As @arpit2017 found [@zhang2017, Table 1; @arpit2017] & more", bibliography: Self.bibliography, plain: { $0.htmlEscaped })
        XCTAssertEqual(html, "As <a class=\"citation\" href=\"#ref-arpit2017\">Arpit and Bengio (2017)</a> found "
                       + "(<a class=\"citation\" href=\"#ref-zhang2017\">Zhang et al. 2017, Table 1</a>; "
                       + "<a class=\"citation\" href=\"#ref-arpit2017\">Arpit and Bengio 2017</a>) &amp; more")
    }

    func testUnknownKeyStaysVisible() {
        let html = CitationRenderer.html("see [@zang2017].", bibliography: Self.bibliography, plain: { $0 })
        XCTAssertEqual(html, "see <span class=\"citation-missing\" title=\"unknown citation key\">[@zang2017]??</span>.")
    }

    func testCheckReportsUnknownKeysAtTheirColumnAndSkipsCode() {
        let source = """
        # Title
        As [@zhang2017] and @arpit2017 showed, but not [@zang2017].

        ```python
        @property
        ```
        Code `@decorator` is not a citation; @fig:x is a cross-reference.
        ```claim
        paper: "@arpitt2017: dropout"
        ```
        """
        let d = CitationCheck.diagnostics(source: source, file: "Chapters/01-x.md", bibliography: Self.bibliography, bibliographyPath: "Chapters/references.bib")
        XCTAssertEqual(d.map(\.description), [
            "Chapters/01-x.md:2:49: unknown citation key \"zang2017\" (did you mean \"zhang2017\"?); keys are defined in Chapters/references.bib",
            "Chapters/01-x.md:9:9: unknown citation key \"arpitt2017\" (did you mean \"arpit2017\"?); keys are defined in Chapters/references.bib",
        ])
        XCTAssertEqual(CitationCheck.citedKeys(source: source, bibliography: Self.bibliography), ["zhang2017", "arpit2017"])
    }

    func testReferenceListIsSortedEscapedAndLinked() {
        let html = ReferenceList.section(keys: ["zhang2017", "arpit2017"], bibliography: Self.bibliography)
        let arpit = html.range(of: "id=\"ref-arpit2017\"")!, zhang = html.range(of: "id=\"ref-zhang2017\"")!
        XCTAssertLessThan(arpit.lowerBound, zhang.lowerBound, "sorted by first author")
        XCTAssertTrue(html.contains("Chiyuan Zhang, Samy Bengio and Moritz Hardt (2017). <cite>Understanding &lt;deep&gt; learning</cite>. <span class=\"venue\">ICLR</span>. <a class=\"reference-link\" href=\"https://arxiv.org/abs/1611.03530\">arXiv:1611.03530</a>"), html)
        XCTAssertEqual(ReferenceList.section(keys: [], bibliography: Self.bibliography), "")
    }

    func testBuildLinksCitationsListsReferencesAndReportsUnknownKeys() throws {
        let book = TestBook()
        book.write("references.bib", "@misc{zhang2017, author = {Zhang, Chiyuan and Bengio, Samy and Hardt, Moritz}, title = {Understanding}, year = {2017}}\n")
        book.write("01-c.md", "# C\n\nAs @zhang2017 showed [@zhang2017, Table 1].\n")
        var (summary, log) = book.build()
        XCTAssertEqual(log.errors, [])
        XCTAssertEqual(summary.exitCode, 0)
        let page = try XCTUnwrap(book.file("01-c.html"))
        XCTAssertTrue(page.contains("As <a class=\"citation\" href=\"#ref-zhang2017\">Zhang et al. (2017)</a> showed (<a class=\"citation\" href=\"#ref-zhang2017\">Zhang et al. 2017, Table 1</a>)."), page)
        XCTAssertTrue(page.contains("<li class=\"reference\" id=\"ref-zhang2017\">Chiyuan Zhang, Samy Bengio and Moritz Hardt (2017). <cite>Understanding</cite>."), page)
        XCTAssertTrue(try XCTUnwrap(book.file("bibliography.html")).contains("id=\"ref-zhang2017\""))
        XCTAssertTrue(try XCTUnwrap(book.file("search-index.js")).contains("Zhang et al. (2017) showed"))
        XCTAssertTrue(book.exists("print.html"))
        book.write("01-c.md", "# C\n\nAs [@zang2017] showed.\n")
        (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 1)
        XCTAssertTrue(log.errors.contains { $0.contains("Chapters/01-c.md:3:5: unknown citation key \"zang2017\" (did you mean \"zhang2017\"?); keys are defined in ") && $0.hasSuffix("Chapters/references.bib") }, "\(log.errors)")
    }

    /// The claims table stands on pages whose reference lists do not hold its works (the closing
    /// chapter, the reproducibility page), so its citations point at the bibliography page.
    func testClaimsTableCitationsPointAtTheBibliography() throws {
        let book = TestBook()
        book.write("references.bib", "@misc{zhang2017, author = {Zhang, Chiyuan and Bengio, Samy}, title = {Understanding}, year = {2017}}\n")
        book.write("01-c.md", "# C\n\n```experiment\nid: l\nkind: line\nseeds: [1, 2, 3]\n```\n\n```claim\nfrom: l\nmetric: final\nexpect: {at-least: 1}\npaper: \"@zhang2017: it holds.\"\n```\n")
        book.write("02-d.md", "# D\n\n```claims\ncaption: All.\n```\n")
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, "\(log.errors)")
        let link = "<a class=\"citation\" href=\"bibliography.html#ref-zhang2017\">Zhang and Bengio (2017)</a>: it holds."
        XCTAssertTrue(try XCTUnwrap(book.file("02-d.html")).contains(link))
        XCTAssertTrue(try XCTUnwrap(book.file("reproducibility.html")).contains(link))
        XCTAssertTrue(try XCTUnwrap(book.file("01-c.html")).contains("href=\"#ref-zhang2017\""), "the claim card itself links to its own chapter's list")
    }
}
