import Foundation
import XCTest
@testable import Bibliography

/// The course's own `Chapters/references.bib` parses and reads as the chapters cite it.
final class CourseReferencesTests: XCTestCase {
    func testCourseBibliography() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let bib = try Bibliography(contentsOf: root.appendingPathComponent("Chapters/references.bib").path)
        XCTAssertGreaterThanOrEqual(bib.entries.count, 20)
        XCTAssertEqual(bib["zhang2017"]?.citationLabel, "Zhang et al. 2017")
        XCTAssertEqual(bib["chatterjee2022"]?.citationLabel, "Chatterjee and Zielinski 2022")
        XCTAssertEqual(bib["sagun2017"]?.authors[2].last, "Güney")
        XCTAssertEqual(bib["welling2011"]?.title, "Bayesian Learning via Stochastic Gradient Langevin Dynamics")
        // The two 2021 papers by Harutyunyan et al. are told apart.
        XCTAssertEqual(bib["harutyunyan2021informativeness"]?.year, "2021a")
        XCTAssertEqual(bib["harutyunyan2021bounds"]?.year, "2021b")
    }
}
