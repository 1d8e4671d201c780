import XCTest
@testable import Probes

final class MutualInformationOrderTests: XCTestCase {
    /// The estimate must not depend on the order in which symbols are counted (a dictionary's order
    /// differs between processes): relabelling the symbols leaves every bit of the entropy unchanged.
    func testEntropyIsBitIdenticalUnderRelabelling() {
        var symbols: [Int] = []
        for s in 0..<200 { symbols += Array(repeating: s, count: 1 + (s * 7919) % 13) }
        let h = MutualInformation.entropy(symbols)
        for shift in [1, 1000, 77_777] {
            let relabelled = symbols.map { ($0 * 31 + shift) % 1_000_003 }
            XCTAssertEqual(MutualInformation.entropy(relabelled).bitPattern, h.bitPattern)
        }
    }
}
