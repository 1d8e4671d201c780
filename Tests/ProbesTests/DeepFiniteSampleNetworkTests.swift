import XCTest
@testable import Probes

final class DeepFiniteSampleNetworkTests: XCTestCase {
    /// Depth 2 is Theorem 1's network: the same 2n + d weights and the same outputs.
    func testDepthTwoIsTheoremOne() throws {
        var rng = TestGenerator(seed: 11)
        let n = 60, d = 4
        let x = rng.uniforms(n * d), y = rng.uniforms(n, -5...5)
        let shallow = try FiniteSampleExpressivity(inputs: x, dimension: d, targets: y, rng: &rng)
        let deep = try DeepFiniteSampleNetwork(shallow, depth: 2)
        XCTAssertEqual(deep.depth, 2)
        XCTAssertEqual(deep.width, n)
        XCTAssertEqual(deep.weightCount, 2 * n + d)
        for i in 0..<n {
            let point = Array(x[i * d ..< (i + 1) * d])
            XCTAssertEqual(deep(point), shallow(point), accuracy: 1e-9)
        }
    }

    /// At every depth the layered network fits the random targets, has k − 1 hidden layers of at most
    /// ⌈n/(k − 1)⌉ + 3 units and at most 5n + d + 4k weights (O(n/k) and O(n + d)), and computes
    /// Theorem 1's function off the sample too (points drawn from a wider box).
    func testEveryDepthFitsWithNarrowLayersAndLinearWeights() throws {
        var rng = TestGenerator(seed: 5)
        let n = 301, d = 7
        let x = rng.uniforms(n * d), y = rng.uniforms(n, -10...10)
        let shallow = try FiniteSampleExpressivity(inputs: x, dimension: d, targets: y, rng: &rng)
        var widths: [Int] = []
        for depth in [2, 3, 4, 7, 16, 51, n + 1] {
            let deep = try DeepFiniteSampleNetwork(shallow, depth: depth)
            XCTAssertEqual(deep.depth, depth)
            XCTAssertEqual(deep.layers.count - 1, depth - 1, "hidden layers")
            let blockSize = (n + depth - 2) / (depth - 1)
            XCTAssertLessThanOrEqual(deep.width, blockSize + 3, "depth \(depth)")
            XCTAssertLessThanOrEqual(deep.weightCount, 5 * n + d + 4 * depth, "depth \(depth)")
            widths.append(deep.width)
            var worst = 0.0
            for i in 0..<n {
                worst = max(worst, abs(deep(Array(x[i * d ..< (i + 1) * d])) - y[i]))
            }
            XCTAssertLessThan(worst, 1e-6, "depth \(depth)")
            for _ in 0..<20 {
                let point = rng.uniforms(d, -1...2)
                let reference = shallow(point)
                XCTAssertEqual(deep(point), reference, accuracy: 1e-7 * max(1, abs(reference)), "depth \(depth)")
            }
        }
        XCTAssertEqual(widths, widths.sorted(by: >), "deeper networks are narrower")
        XCTAssertLessThanOrEqual(widths.last!, 4)
    }

    func testRejectsDepthsOutsideTwoToNPlusOne() throws {
        var rng = TestGenerator(seed: 2)
        let shallow = try FiniteSampleExpressivity(inputs: rng.uniforms(10), dimension: 2, targets: rng.uniforms(5), rng: &rng)
        XCTAssertThrowsError(try DeepFiniteSampleNetwork(shallow, depth: 1))
        XCTAssertThrowsError(try DeepFiniteSampleNetwork(shallow, depth: 7))
        XCTAssertNoThrow(try DeepFiniteSampleNetwork(shallow, depth: 6))
    }
}
