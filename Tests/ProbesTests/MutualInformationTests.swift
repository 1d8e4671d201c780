import XCTest
@testable import Probes

final class MutualInformationTests: XCTestCase {
    func testEntropiesByHand() throws {
        XCTAssertEqual(MutualInformation.entropy([0, 0, 1, 1]), 1, accuracy: 1e-15)
        XCTAssertEqual(MutualInformation.entropy([5, 6, 7, 8]), 2, accuracy: 1e-15)
        // −¾ log₂ ¾ − ¼ log₂ ¼ = 0.811278124459133
        XCTAssertEqual(MutualInformation.entropy([3, 3, 3, 9]), 0.811278124459133, accuracy: 1e-14)
        XCTAssertEqual(MutualInformation.entropy([]), 0)
        XCTAssertEqual(try MutualInformation.jointEntropy([0, 0, 1, 1], [0, 1, 0, 1]), 2, accuracy: 1e-15)
    }

    func testMutualInformationByHand() throws {
        // Independent: 0. Identical: H. Hand table: p(a,b) = {(0,0): ½, (1,0): ¼, (1,1): ¼}
        // ⇒ H(A) = 1, H(B) = 0.8113, H(A,B) = 1.5, I = 0.3113.
        XCTAssertEqual(try MutualInformation.mutualInformation([0, 0, 1, 1], [0, 1, 0, 1]), 0, accuracy: 1e-15)
        XCTAssertEqual(try MutualInformation.mutualInformation([0, 1, 2, 2], [7, 8, 9, 9]), 1.5, accuracy: 1e-15)
        XCTAssertEqual(try MutualInformation.mutualInformation([0, 0, 1, 1], [0, 0, 0, 1]),
                       1 + 0.811278124459133 - 1.5, accuracy: 1e-14)
        XCTAssertThrowsError(try MutualInformation.mutualInformation([0], [0, 1]))
    }

    func testBinningEdges() throws {
        let b = try ActivationBinning.tanh(bins: 4)   // edges −1, −0.5, 0, 0.5, 1
        XCTAssertEqual([-1.0, -0.75, -0.5, -0.01, 0, 0.49, 0.5, 0.99, 1, 7, -7, .nan].map(b.bin),
                       [0, 0, 1, 1, 2, 2, 3, 3, 3, 3, 0, 0])
        let r = try ActivationBinning.relu(activations: [Float(0), 2, 4], bins: 2)
        XCTAssertEqual(r.lower, 0)
        XCTAssertEqual(r.upper, 4)
        XCTAssertThrowsError(try ActivationBinning(lower: 1, upper: 1, bins: 3))
        XCTAssertThrowsError(try ActivationBinning.tanh(bins: 0))
    }

    /// Four distinct inputs, two units, 2 bins on [−1, 1]: rows bin to (0,1), (0,1), (1,1), (1,0),
    /// so H(T) = 1.5 bits = I(X;T); with labels (0,0,1,1), T determines Y: I(T;Y) = H(Y) = 1.
    func testInformationPlaneByHand() throws {
        let activations: [Float] = [-0.5, 0.5, -0.9, 0.1, 0.3, 0.2, 0.7, -0.4]
        let x = try MutualInformation.inputSymbols(inputs: [Float(0), 1, 2, 3], count: 4, dimension: 1)
        XCTAssertEqual(x, [0, 1, 2, 3])
        let point = try MutualInformation.informationPlane(
            activations: activations, count: 4, units: 2, inputSymbols: x, labels: [0, 0, 1, 1],
            binning: try .tanh(bins: 2))
        XCTAssertEqual(point.inputInformation, 1.5, accuracy: 1e-15)
        XCTAssertEqual(point.labelInformation, 1, accuracy: 1e-15)
        // Repeated inputs share a symbol.
        XCTAssertEqual(try MutualInformation.inputSymbols(inputs: [1.0, 2, 1, 2, 3, 3], count: 3, dimension: 2), [0, 0, 1])
    }

    /// Data-processing facts on random activations: I(X;T) ≤ H(X), I(T;Y) ≤ H(Y),
    /// I(T;Y) ≤ I(X;T) (T is a function of X), and a coarser nested binning keeps less.
    func testDataProcessingInequalities() throws {
        var rng = TestGenerator(seed: 2)
        let n = 512, units = 3
        let activations = rng.uniforms(n * units).map { tanh(2 * $0) }
        let x = Array(0..<n)
        let y = (0..<n).map { _ in Int.random(in: 0..<3, using: &rng) }
        let fine = try MutualInformation.informationPlane(
            activations: activations, count: n, units: units, inputSymbols: x, labels: y, binning: try .tanh(bins: 30))
        let coarse = try MutualInformation.informationPlane(
            activations: activations, count: n, units: units, inputSymbols: x, labels: y, binning: try .tanh(bins: 5))
        let hx = MutualInformation.entropy(x), hy = MutualInformation.entropy(y)
        for p in [fine, coarse] {
            XCTAssertLessThanOrEqual(p.inputInformation, hx + 1e-12)
            XCTAssertLessThanOrEqual(p.labelInformation, hy + 1e-12)
            XCTAssertLessThanOrEqual(p.labelInformation, p.inputInformation + 1e-12)
        }
        XCTAssertLessThan(coarse.inputInformation, fine.inputInformation)
        XCTAssertLessThanOrEqual(coarse.labelInformation, fine.labelInformation + 1e-12)
        XCTAssertEqual(hx, log2(Double(n)), accuracy: 1e-12)
    }
}
