import XCTest
@testable import Bibliography

/// Bad .bib files and unknown keys give errors with the file, the line and what is valid.
final class BibliographyErrorTests: XCTestCase {
    func testDuplicateKeyNamesBothLines() throws {
        let path = try BibTeXParsingTests.write("""
        @misc{k, author = {A. B}, title = {T}, year = {2000}}

        @misc{k, author = {C. D}, title = {U}, year = {2001}}
        """)
        XCTAssertThrowsError(try Bibliography(contentsOf: path)) { e in
            XCTAssertEqual("\(e)", "\(path):3: duplicate key \"k\" (first defined on line 1)")
        }
    }

    func testMissingYearIsAnError() throws {
        let path = try BibTeXParsingTests.write("@misc{k, author = {A. B}, title = {T}}\n")
        XCTAssertThrowsError(try Bibliography(contentsOf: path)) { e in
            XCTAssertTrue("\(e)".hasSuffix(":1: entry \"k\" has no year; an author–year citation needs author, title and year"), "\(e)")
        }
    }

    func testSyntaxErrorIsReported() throws {
        let path = try BibTeXParsingTests.write("@misc{k, author = {A. B}, title = {T}, year = {2000}\n@misc{j, title = \n")
        XCTAssertThrowsError(try Bibliography(contentsOf: path)) { e in
            XCTAssertTrue("\(e)".contains("BibTeX syntax error"), "\(e)")
        }
    }

    func testMissingFile() {
        XCTAssertThrowsError(try Bibliography(contentsOf: "/nonexistent/refs.bib")) { e in
            XCTAssertEqual("\(e)", "/nonexistent/refs.bib: cannot read the bibliography file")
        }
    }

    func testSuggestionIsTheNearestKey() throws {
        let entries = ["zhang2017", "arpit2017", "chatterjee2020"].enumerated().map { i, k in
            BibEntry(key: k, type: "misc", fields: ["title": "T", "year": "2017"], authors: [PersonName(last: "X\(i)")], line: i + 1)
        }
        let bib = try Bibliography(entries: entries, file: "refs.bib")
        XCTAssertEqual(bib.suggestion(for: "zang2017"), "zhang2017")
        XCTAssertEqual(bib.suggestion(for: "Chatterjee2020"), "chatterjee2020")
        XCTAssertNil(bib.suggestion(for: "hochreiter1997"))
    }
}
