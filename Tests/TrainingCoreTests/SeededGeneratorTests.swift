import XCTest
@testable import TrainingCore

final class SeededGeneratorTests: XCTestCase {
    func testSameSeedSameStreamAndDifferentSeedsDiffer() {
        var a = SeededGenerator(seed: 42), b = SeededGenerator(seed: 42), c = SeededGenerator(seed: 43)
        let xs = (0..<5).map { _ in a.next() }
        XCTAssertEqual(xs, (0..<5).map { _ in b.next() })
        XCTAssertNotEqual(xs, (0..<5).map { _ in c.next() })
    }

    func testUniformAndNormalMoments() {
        // n = 200 000: standard errors are ≈ 0.0007 (uniform mean) and ≈ 0.0022 (normal mean);
        // tolerances are about 5 standard errors.
        var rng = SeededGenerator(seed: 1)
        let n = 200_000
        let u = (0..<n).map { _ in rng.nextDouble() }
        XCTAssertEqual(u.reduce(0, +) / Double(n), 0.5, accuracy: 0.004)
        XCTAssertTrue(u.allSatisfy { $0 >= 0 && $0 < 1 })
        let z = (0..<n).map { _ in rng.nextNormal() }
        let mean = z.reduce(0, +) / Double(n)
        let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
        XCTAssertEqual(mean, 0, accuracy: 0.011)
        XCTAssertEqual(variance, 1, accuracy: 0.02)
    }

    func testPermutationIsAPermutation() {
        var rng = SeededGenerator(seed: 3)
        let p = rng.permutation(1000)
        XCTAssertEqual(p.sorted(), Array(0..<1000))
        XCTAssertNotEqual(p, Array(0..<1000))
        let counts = (0..<6000).reduce(into: [Int](repeating: 0, count: 6)) { acc, _ in acc[rng.nextInt(below: 6)] += 1 }
        XCTAssertTrue(counts.allSatisfy { abs($0 - 1000) < 150 })
    }
}
