import XCTest
@testable import Book

/// The statistics behind verdicts, against printed t-tables and intervals computed by hand.
final class SeedIntervalTests: XCTestCase {
    func testStudentTQuantilesMatchTheTable() {
        // Two-sided 95% critical values from a standard t-table.
        let table: [(Double, Double)] = [(1, 12.7062047), (2, 4.3026527), (4, 2.7764451), (9, 2.2621572), (29, 2.0452296)]
        for (df, t) in table {
            XCTAssertEqual(SeedInterval.studentTQuantile(0.975, degreesOfFreedom: df), t, accuracy: 1e-6, "df \(df)")
        }
        XCTAssertEqual(SeedInterval.studentTQuantile(0.975, degreesOfFreedom: 1e7), 1.959964, accuracy: 1e-5, "normal limit")
        XCTAssertEqual(SeedInterval.studentTQuantile(0.025, degreesOfFreedom: 4), -2.7764451, accuracy: 1e-6)
        // df = 1 is the Cauchy distribution: P(T ≤ 1) = 3/4 exactly.
        XCTAssertEqual(SeedInterval.studentTCDF(1, degreesOfFreedom: 1), 0.75, accuracy: 1e-12)
    }

    func testMeanIntervalComputedByHand() throws {
        // 1…5: mean 3, s = √2.5, se = s/√5 = 0.7071068, t(0.975, 4) = 2.7764451 → half-width 1.9632432.
        let i = try XCTUnwrap(SeedInterval.mean([1, 2, 3, 4, 5]))
        XCTAssertEqual(i.estimate, 3)
        XCTAssertEqual(i.lower, 3 - 1.9632432, accuracy: 1e-6)
        XCTAssertEqual(i.upper, 3 + 1.9632432, accuracy: 1e-6)
        XCTAssertEqual(i.count, 5)
        XCTAssertNil(SeedInterval.mean([0.5]), "one value carries no interval")
    }

    func testPairedDifferenceIsNarrowerThanWelchOnTheSameNumbers() throws {
        let a: [(seed: UInt64, value: Double)] = [(1, 10), (2, 12), (3, 14)]
        let b: [(seed: UInt64, value: Double)] = [(1, 9), (2, 11.1), (3, 12.9)]
        // Paired: differences 1, 0.9, 1.1 → mean 1, s = 0.1, se = 0.0577350, t(0.975, 2) = 4.3026527.
        let paired = try XCTUnwrap(SeedInterval.difference(a, b))
        XCTAssertEqual(paired.method, .paired)
        XCTAssertEqual(paired.estimate, 1, accuracy: 1e-12)
        XCTAssertEqual(paired.upper - paired.estimate, 4.3026527 * 0.1 / 3.0.squareRoot(), accuracy: 1e-6)
        XCTAssertGreaterThan(paired.lower, 0)

        // The same values on other seeds: Welch. var(a)/3 = 4/3, var(b)/3 = 3.81/3, se = √2.603333,
        // df = 2.603333² / ((4/3)²/2 + 1.27²/2) = 3.997628; the interval now contains 0.
        let unpaired = try XCTUnwrap(SeedInterval.difference(a, b.map { ($0.seed + 10, $0.value) }))
        XCTAssertEqual(unpaired.method, .welch)
        XCTAssertEqual(unpaired.estimate, 1, accuracy: 1e-12)
        let se = 2.603333333.squareRoot()
        let t = SeedInterval.studentTQuantile(0.975, degreesOfFreedom: 3.997628)
        XCTAssertEqual(t, 2.7770, accuracy: 2e-4, "between t(4) = 2.7764 and t(3.99)")
        XCTAssertEqual(unpaired.upper - unpaired.estimate, t * se, accuracy: 1e-5)
        XCTAssertLessThan(unpaired.lower, 0)
    }

    func testFactorScalesTheOtherSide() throws {
        // a − 2b per seed: 10 − 8, 12 − 10, 14 − 12 = 2, 2, 2: a zero-width interval at 2.
        let d = try XCTUnwrap(SeedInterval.difference([(1, 10), (2, 12), (3, 14)], [(1, 4), (2, 5), (3, 6)], factor: 2))
        XCTAssertEqual(d.estimate, 2, accuracy: 1e-12)
        XCTAssertEqual(d.lower, 2, accuracy: 1e-12)
        XCTAssertEqual(d.upper, 2, accuracy: 1e-12)
    }
}
