import XCTest
@testable import Probes

final class StatisticsTests: XCTestCase {
    func testMeanVarianceMedianByHand() throws {
        let v = [2.0, 4, 4, 4, 5, 5, 7, 9]
        XCTAssertEqual(try Statistics.mean(v), 5)
        XCTAssertEqual(try Statistics.variance(v, sample: false), 4)          // the textbook example
        XCTAssertEqual(try Statistics.standardDeviation(v, sample: false), 2)
        XCTAssertEqual(try Statistics.variance(v), 32.0 / 7, accuracy: 1e-15)
        XCTAssertEqual(try Statistics.median(v), 4.5)
        XCTAssertEqual(try Statistics.median([3, 1, 2]), 2)
        XCTAssertThrowsError(try Statistics.mean([]))
        XCTAssertThrowsError(try Statistics.variance([1]))
    }

    func testGiniByHand() throws {
        // [1,2,3,4]: Σ|xᵢ − xⱼ| over ordered pairs = 20; 2 n² x̄ = 80 ⇒ 0.25.
        XCTAssertEqual(try Statistics.giniCoefficient([4, 1, 3, 2]), 0.25, accuracy: 1e-15)
        XCTAssertEqual(try Statistics.giniCoefficient([5, 5, 5]), 0, accuracy: 1e-15)
        XCTAssertEqual(try Statistics.giniCoefficient([0, 0, 0, 7]), 0.75, accuracy: 1e-15)
        // Brute-force definition on random values.
        var rng = TestGenerator(seed: 1)
        let x = rng.uniforms(57, 0...3)
        var pairs = 0.0
        for a in x { for b in x { pairs += abs(a - b) } }
        let brute = pairs / (2 * Double(x.count * x.count) * (x.reduce(0, +) / Double(x.count)))
        XCTAssertEqual(try Statistics.giniCoefficient(x), brute, accuracy: 1e-12)
        XCTAssertThrowsError(try Statistics.giniCoefficient([1, -1]))
        XCTAssertThrowsError(try Statistics.giniCoefficient([0, 0]))
    }

    func testKendallTauByHand() throws {
        XCTAssertEqual(try Statistics.kendallTau([1, 2, 3, 4], [10, 20, 30, 40]), 1)
        XCTAssertEqual(try Statistics.kendallTau([1, 2, 3, 4], [4, 3, 2, 1]), -1)
        // Pairs of (1,2,3) vs (1,3,2): concordant 2, discordant 1 ⇒ 1/3.
        XCTAssertEqual(try Statistics.kendallTau([1, 2, 3], [1, 3, 2]), 1.0 / 3, accuracy: 1e-15)
        // With ties (SciPy's documented example): x = [12,2,1,12,2], y = [1,4,7,1,0].
        // n₀ = 10, ties in x: 2, ties in y: 1; n_c = 2, n_d = 6 ⇒ −4/√(8·9) = −0.4714045207910317.
        XCTAssertEqual(try Statistics.kendallTau([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]), -0.4714045207910317, accuracy: 1e-15)
        XCTAssertThrowsError(try Statistics.kendallTau([1, 1], [1, 2]))
        XCTAssertThrowsError(try Statistics.kendallTau([1, 2], [1]))
    }

    func testBinomialReference() throws {
        let b = try BinomialReference(trials: 4, probability: 0.5)
        // C(4,k)/16 = 1, 4, 6, 4, 1 over 16.
        for (k, c) in [1.0, 4, 6, 4, 1].enumerated() { XCTAssertEqual(b.probability(of: k), c / 16, accuracy: 1e-15) }
        for (got, want) in zip(b.expectedHistogram(examples: 32), [2.0, 8, 12, 8, 2]) { XCTAssertEqual(got, want, accuracy: 1e-12) }
        let c = try BinomialReference(trials: 3, probability: 0.2)
        XCTAssertEqual(c.probability(of: 1), 3 * 0.2 * 0.64, accuracy: 1e-15)
        XCTAssertEqual(c.expectedHistogram(examples: 1).reduce(0, +), 1, accuracy: 1e-14)
        XCTAssertEqual(try BinomialReference(trials: 3, probability: 0).probability(of: 0), 1)
        XCTAssertThrowsError(try BinomialReference(trials: 0, probability: 0.5))
    }

    func testDispersionRatio() throws {
        // Counts {0, 4, 0, 4}, 4 trials: p = ½, observed variance 4, binomial variance 1 ⇒ 4.
        XCTAssertEqual(try BinomialReference.dispersionRatio(ofCounts: [0, 4, 0, 4], trials: 4), 4, accuracy: 1e-15)
        XCTAssertEqual(try BinomialReference.histogram(ofCounts: [0, 4, 0, 4, 2], trials: 4), [2, 0, 1, 0, 2])
        // Truly binomial counts: the ratio is near 1.
        var rng = TestGenerator(seed: 3)
        let counts = (0..<4000).map { _ in (0..<10).filter { _ in Double.random(in: 0..<1, using: &rng) < 0.3 }.count }
        XCTAssertEqual(try BinomialReference.dispersionRatio(ofCounts: counts, trials: 10), 1, accuracy: 0.1)
        XCTAssertThrowsError(try BinomialReference.dispersionRatio(ofCounts: [0, 0], trials: 3))
        XCTAssertThrowsError(try BinomialReference.fitted(toCounts: [5], trials: 3))
    }
}

final class FirstEpochDifficultyTests: XCTestCase {
    func testCountsAndHistogramByHand() throws {
        // Labels (0, 1, 2, 0); three runs.
        let difficulty = try FirstEpochDifficulty(predictions: [[0, 1, 1, 2], [0, 0, 1, 2], [0, 1, 2, 2]],
                                                  labels: [0, 1, 2, 0])
        XCTAssertEqual(difficulty.misclassificationCounts, [0, 1, 2, 3])
        XCTAssertEqual(try difficulty.histogram(), [1, 1, 1, 1])
        XCTAssertEqual(try difficulty.reference().probability, 0.5)
        // Variance of (0,1,2,3) is 1.25; binomial variance 3·½·½ = 0.75.
        XCTAssertEqual(try difficulty.dispersionRatio(), 1.25 / 0.75, accuracy: 1e-15)
        XCTAssertThrowsError(try FirstEpochDifficulty(predictions: [[0]], labels: [0, 1]))
    }
}
