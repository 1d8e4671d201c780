import XCTest
@testable import Charts

/// Log-axis tick labels use one notation per axis (a user's plot mixed "2" with "10⁰").
final class LogTickLabelTests: XCTestCase {
    func testUnderTwoDecadesIsLabelledInPlainNumbersOnly() throws {
        let spec = try AxisSpec.numeric(Axis("width", scale: .log), values: [1.5, 30], padFraction: 0, what: "x")
        XCTAssertEqual(spec.ticks, [2, 5, 10, 20])
        XCTAssertEqual(spec.tickLabels, ["2", "5", "10", "20"], "was 2, 5, 10¹, 20")
    }

    func testSmallValuesStayPlainAndTinyOnesAllScientific() {
        XCTAssertEqual(Ticks.logLabels([0.01, 0.02, 0.05, 0.1]), ["0.01", "0.02", "0.05", "0.1"])
        XCTAssertEqual(Ticks.logLabels([1e-5, 2e-5, 5e-5]), ["10^{\u{2212}5}", "2×10^{\u{2212}5}", "5×10^{\u{2212}5}"])
    }

    func testPowersOfTenKeepExponents() {
        XCTAssertEqual(Ticks.logLabels([1, 10, 100]), ["10^{0}", "10^{1}", "10^{2}"])
    }
}
