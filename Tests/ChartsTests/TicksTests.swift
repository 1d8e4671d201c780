import XCTest
@testable import Charts

/// Tick values checked against hand-worked cases.
final class TicksTests: XCTestCase {
    func testNiceStepRoundsToOneTwoTwoAndAHalfOrFive() {
        XCTAssertEqual(Ticks.niceStep(12.4), 10, accuracy: 1e-12)
        XCTAssertEqual(Ticks.niceStep(0.0031), 0.0025, accuracy: 1e-15)
        XCTAssertEqual(Ticks.niceStep(4), 5, accuracy: 1e-12)
        XCTAssertEqual(Ticks.niceStep(170), 200, accuracy: 1e-9)
    }

    func testLinearTicksAreMultiplesOfTheStepInsideTheRange() {
        XCTAssertEqual(Ticks.linear(-2.4, 61.4), [0, 10, 20, 30, 40, 50, 60])
        let t = Ticks.linear(0.013, 0.087)
        XCTAssertEqual(t.count, 7)
        for (a, b) in zip(t, [0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08]) { XCTAssertEqual(a, b, accuracy: 1e-12) }
        XCTAssertEqual(Ticks.linearLabels([0, 0.25, 0.5]), ["0.00", "0.25", "0.50"])
        XCTAssertEqual(Ticks.linearLabels([-10, 0, 10]), ["\u{2212}10", "0", "10"])
    }

    func testLogTicksArePowersOfTen() {
        let t = Ticks.logMajor(0.008, 3.1)
        XCTAssertEqual(t.count, 3)
        for (a, b) in zip(t, [0.01, 0.1, 1.0]) { XCTAssertEqual(a, b, accuracy: 1e-15 * max(1, b)) }
        XCTAssertEqual(Ticks.logLabels(t), ["10^{\u{2212}2}", "10^{\u{2212}1}", "10^{0}"])
        // Twenty decades: every fourth... at most about six labelled.
        let wide = Ticks.logMajor(1e-10, 1e10)
        XCTAssertTrue(wide.allSatisfy { abs(log10($0) - log10($0).rounded()) < 1e-12 })
        XCTAssertLessThanOrEqual(wide.count, 8)
    }

    func testLogTicksWithinOneDecadeAddTwoAndFiveMultiples() {
        XCTAssertEqual(Ticks.logMajor(1.5, 30), [2, 5, 10, 20])
        // Two powers of ten inside would be only two labels: the multiples join them.
        XCTAssertEqual(Ticks.logMajor(0.08, 2.6), [0.1, 0.2, 0.5, 1, 2])
        XCTAssertEqual(Ticks.logMajor(5, 500), [5, 10, 20, 50, 100, 200, 500])
        let minor = Ticks.logMinor(0.5, 20)
        XCTAssertEqual(minor.first, 0.5)
        XCTAssertTrue(minor.contains(2) && minor.contains(9) && !minor.contains(10))
    }
}

extension TicksTests {
    func testLargeAndSmallMagnitudesGetReadableLabels() {
        XCTAssertEqual(Ticks.linearLabels([0, 50000, 100000, 150000]), ["0", "50k", "100k", "150k"])
        XCTAssertEqual(Ticks.linearLabels([0, 500_000, 1_000_000, 1_500_000]), ["0", "0.5M", "1.0M", "1.5M"])
        XCTAssertEqual(Ticks.linearLabels([0, 1e-5, 2e-5, 3e-5]),
                       ["0", "1×10^{\u{2212}5}", "2×10^{\u{2212}5}", "3×10^{\u{2212}5}"])
        XCTAssertEqual(Ticks.linearLabels([5e-6, 1e-5, 1.5e-5]),
                       ["0.5×10^{\u{2212}5}", "1.0×10^{\u{2212}5}", "1.5×10^{\u{2212}5}"])
    }
}

extension TicksTests {
    func testUnitStepsHaveNoDecimals() {
        XCTAssertEqual(Ticks.linearLabels([0, 1, 2, 3]), ["0", "1", "2", "3"])
        XCTAssertEqual(Ticks.linearLabels([0, 0.1, 0.2]), ["0.0", "0.1", "0.2"])
    }
}
