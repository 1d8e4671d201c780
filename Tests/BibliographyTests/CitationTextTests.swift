import XCTest
@testable import Bibliography

/// Pandoc citation syntax in prose, read and formatted author–year.
final class CitationTextTests: XCTestCase {
    func work(_ key: String, _ locator: String = "", at offset: Int) -> Citation.Work { .init(key: key, locator: locator, offset: offset) }

    func testTheFiveForms() {
        XCTAssertEqual(CitationText.segments("as [@zhang2017]."), [
            .text("as "), .citation(Citation(form: .parenthetical, works: [work("zhang2017", at: 4)])), .text("."),
        ])
        XCTAssertEqual(CitationText.segments("[@a1; @b2, Table 1]"), [
            .citation(Citation(form: .parenthetical, works: [work("a1", at: 1), work("b2", "Table 1", at: 6)])),
        ])
        XCTAssertEqual(CitationText.segments("Zhang et al. [-@zhang2017] say"), [
            .text("Zhang et al. "), .citation(Citation(form: .yearOnly, works: [work("zhang2017", at: 15)])), .text(" say"),
        ])
        XCTAssertEqual(CitationText.segments("@zhang2017: deep nets"), [
            .citation(Citation(form: .narrative, works: [work("zhang2017", at: 0)])), .text(": deep nets"),
        ])
        XCTAssertEqual(CitationText.segments("@zhang2017 showed"), [
            .citation(Citation(form: .narrative, works: [work("zhang2017", at: 0)])), .text(" showed"),
        ])
    }

    func testCrossReferencesLinksAndAddressesStayText() {
        for text in ["see @fig:curves and @tbl:x", "mail a@b.org", "[a link](x.html)", "[@]", "costs @ 3"] {
            XCTAssertEqual(CitationText.segments(text), [.text(text)], text)
        }
    }

    func testFormattingAndUnknownKeys() throws {
        let entries = [
            BibEntry(key: "zhang2017", type: "misc", fields: ["title": "U", "year": "2017"],
                     authors: [PersonName(last: "Zhang"), PersonName(last: "Bengio"), PersonName(last: "Hardt")], line: 1),
            BibEntry(key: "chatterjee2022", type: "misc", fields: ["title": "G", "year": "2022"],
                     authors: [PersonName(last: "Chatterjee"), PersonName(last: "Zielinski")], line: 2),
        ]
        let bib = try Bibliography(entries: entries, file: "refs.bib")
        func read(_ text: String) throws -> String {
            guard case .citation(let c) = CitationText.segments(text)[0] else { return "" }
            let p = try bib.parts(of: c)
            return p.open + p.works.map(\.text).joined(separator: "; ") + p.close
        }
        XCTAssertEqual(try read("[@zhang2017; @chatterjee2022, §3]"), "(Zhang et al. 2017; Chatterjee and Zielinski 2022, §3)")
        XCTAssertEqual(try read("@chatterjee2022"), "Chatterjee and Zielinski (2022)")
        XCTAssertEqual(try read("[-@zhang2017]"), "(2017)")
        XCTAssertThrowsError(try read("[@zhang2016]")) { e in
            XCTAssertEqual("\(e)", "unknown citation key \"zhang2016\" (did you mean \"zhang2017\"?); keys are defined in refs.bib")
        }
    }
}
