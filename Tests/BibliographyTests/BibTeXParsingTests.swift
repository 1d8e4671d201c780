import Foundation
import XCTest
@testable import Bibliography

/// BibTeX read through libbtparse: macros, concatenation, braces and BibTeX's name rules.
final class BibTeXParsingTests: XCTestCase {
    static func write(_ text: String, _ name: String = #function) throws -> String {
        let path = NSTemporaryDirectory() + "memgen-bib-\(name.filter(\.isLetter)).bib"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testFieldsNamesAndLabels() throws {
        let path = try Self.write("""
        @string{iclr = "International Conference on Learning Representations"}
        @comment{not an entry}

        @InProceedings{zhang2017,
          author = {Zhang, Chiyuan and Samy Bengio and Hardt, Moritz},
          title = {Understanding {Deep} Learning},
          booktitle = iclr # " (ICLR)",
          pages = {1--10},
          year = 2017
        }
        @article{harutyunyan2020,
          author = {Harutyunyan, Hrayr and Ver Steeg, Greg},
          title = "Label-noise information",
          journal = {Proc.~ICML},
          year = {2020},
        }
        @misc{vandermaaten2008, author = {Laurens van der Maaten}, title = {t-SNE}, year = {2008}, eprint = {0000.00000}}
        """)
        let bib = try Bibliography(contentsOf: path)
        XCTAssertEqual(bib.entries.map(\.key), ["zhang2017", "harutyunyan2020", "vandermaaten2008"])
        let z = try XCTUnwrap(bib["zhang2017"])
        XCTAssertEqual(z.type, "inproceedings")
        XCTAssertEqual(z.line, 4)
        XCTAssertEqual(z.title, "Understanding Deep Learning")
        XCTAssertEqual(z.venue, "International Conference on Learning Representations (ICLR)")
        XCTAssertEqual(z.fields["pages"], "1\u{2013}10")
        XCTAssertEqual(z.authors.map(\.last), ["Zhang", "Bengio", "Hardt"])
        XCTAssertEqual(z.authors[1].first, "Samy")
        XCTAssertEqual(z.citationLabel, "Zhang et al. 2017")
        XCTAssertEqual(z.authorList, "Chiyuan Zhang, Samy Bengio and Moritz Hardt")
        let h = try XCTUnwrap(bib["harutyunyan2020"])
        XCTAssertEqual(h.citationLabel, "Harutyunyan and Ver Steeg 2020")
        XCTAssertEqual(h.venue, "Proc.\u{00A0}ICML")
        let v = try XCTUnwrap(bib["vandermaaten2008"])
        XCTAssertEqual(v.authors[0], PersonName(first: "Laurens", von: "van der", last: "Maaten"))
        XCTAssertEqual(v.citationLabel, "van der Maaten 2008")
        XCTAssertEqual(v.link, "https://arxiv.org/abs/0000.00000")
    }

    func testSameAuthorsAndYearGetLettersInTitleOrder() throws {
        let path = try Self.write("""
        @misc{b, author = {A. Smith and B. Jones and C. Li}, title = {Zebra}, year = {2021}}
        @misc{a, author = {A. Smith and D. Kim and E. Wu}, title = {Aardvark}, year = {2021}}
        @misc{c, author = {A. Smith}, title = {Alone}, year = {2021}}
        """)
        let bib = try Bibliography(contentsOf: path)
        XCTAssertEqual(bib["a"]?.citationLabel, "Smith et al. 2021a")
        XCTAssertEqual(bib["b"]?.citationLabel, "Smith et al. 2021b")
        XCTAssertEqual(bib["c"]?.citationLabel, "Smith 2021")
    }
}
