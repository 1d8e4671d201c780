import XCTest
import TrainingCore
import Datasets
@testable import Book

/// `kind: sgld-ensemble`'s comparison with the simple hypothesis: the Bayes rule of the mixture
/// against hand-computed cases, the linear-fit agreement against labels whose best linear fit is
/// known, and the posterior weight against its definition on the recorded per-sample agreements.
final class KindSGLDSimplicityTests: XCTestCase {
    /// One cluster per class: the nearest mean wins. Means (0, 0) and (4, 0): (1.9, 5) → class 0,
    /// (2.1, −3) → class 1.
    func testBayesRuleIsTheNearestMeanWithOneClusterPerClass() throws {
        let task = GaussianMixtureTask(clusters: 2, classes: 2, dimension: 2, separation: 1)
        let x = try Tensor(shape: [2, 2], scalars: [1.9, 5, 2.1, -3])
        XCTAssertEqual(task.bayesPredictions(x, means: [0, 0, 4, 0]), [0, 1])
    }

    /// Several clusters per class: the class densities are summed. Clusters at −1 (class 0), and
    /// at 1.2 and 1.2 (both class 1, j mod 2 = 1 for j = 1, 3), and 10 (class 0), in one dimension.
    /// At x = 0.05: class 0 has exp(−1.05²/2) + exp(−9.95²/2) ≈ 0.5762, class 1 has
    /// 2·exp(−1.15²/2) ≈ 1.0324, so class 1 wins although the single nearest mean (−1) is class 0.
    func testBayesRuleSumsTheClustersOfAClass() throws {
        let task = GaussianMixtureTask(clusters: 4, classes: 2, dimension: 1, separation: 1)
        let p = try task.bayesPredictions(Tensor(shape: [2, 1], scalars: [0.05, -3]), means: [-1, 1.2, 10, 1.2])
        XCTAssertEqual(p, [1, 0])
    }

    /// Labels from a linear rule are reproduced almost exactly; XOR labels on four equal quadrants
    /// can be reproduced by no linear classifier on more than 3 of 4 quadrants (0.75 + sampling).
    func testLinearFitAgreementSeparatesLinearFromXOR() throws {
        var rng = SeededGenerator(seed: 9)
        let n = 800
        let xs = (0..<(2 * n)).map { _ in Float(rng.nextNormal()) }
        let inputs = try Tensor(shape: [n, 2], scalars: xs)
        let linearLabels = (0..<n).map { xs[2 * $0] + 0.5 * xs[2 * $0 + 1] > 0.2 ? 1 : 0 }
        let xorLabels = (0..<n).map { (xs[2 * $0] > 0) != (xs[2 * $0 + 1] > 0) ? 1 : 0 }
        func fit(_ labels: [Int]) throws -> Double {
            var modelRNG = SeededGenerator(seed: 1)
            let linear = try Model(architecture: .mlp(hidden: [], activation: .relu), inputShape: [2], classes: 2, rng: &modelRNG)
            return try SGLDEnsembleExperiment.linearFitAgreement(linear, inputs: inputs, targets: labels)
        }
        XCTAssertGreaterThanOrEqual(try fit(linearLabels), 0.98)
        XCTAssertLessThanOrEqual(try fit(xorLabels), 0.8)
    }

    func testPosteriorWeightIsTheShareOfSamplesAboveTheAgreementLevel() throws {
        let kind = SGLDEnsembleExperiment()
        for level in [0.0, 0.5, 1.0] {
            let spec = try kindSpec(kind, "data: {train: 30, test: 50, dimension: 4, clusters: 3}\nhidden: [6]\nbatch: 10\nburn-in: 20\nsamples: 5\nthin: 5\nsimple-agreement: \(level)")
            let m = try kind.run(spec, seed: 3, context: RunContext())
            let agreements = m.series["sample-bayes-agreement"]!
            XCTAssertEqual(agreements.count, 5)
            XCTAssertEqual(m.scalars["simple-posterior-weight"]!, Double(agreements.filter { $0 >= level }.count) / 5, accuracy: 1e-12)
            XCTAssertEqual(m.scalars["mean-bayes-agreement"]!, agreements.reduce(0, +) / 5, accuracy: 1e-12)
            let linear = m.series["sample-linear-fit-agreement"]!
            XCTAssertTrue(linear.allSatisfy { (0...1).contains($0) })
            XCTAssertTrue((0...1).contains(m.scalars["bayes-test-accuracy"]!))
        }
    }

    /// Training sets are nested across sizes (also past the first 1,000 points), the test set is
    /// shared, and the returned means are the ones the points were drawn around: with 4 clusters
    /// in 3 dimensions and 1,500 points per cluster, each cluster's sample mean lies within
    /// 5 standard errors (5/√1500 ≈ 0.13) of its mean in every coordinate.
    func testDataAreNestedAndDrawnAroundTheReturnedMeans() throws {
        let task = GaussianMixtureTask(clusters: 4, classes: 4, dimension: 3, separation: 6)
        let small = try SGLDEnsembleExperiment.data(task, train: 40, test: 30, seed: 4)
        let large = try SGLDEnsembleExperiment.data(task, train: 6000, test: 30, seed: 4)
        let larger = try SGLDEnsembleExperiment.data(task, train: 6300, test: 30, seed: 4)
        XCTAssertTrue(small.test == large.test)
        XCTAssertEqual(small.means, larger.means)
        XCTAssertTrue(large.train.prefix(40) == small.train)
        XCTAssertTrue(larger.train.prefix(6000) == large.train)
        XCTAssertEqual(larger.train.count, 6300)
        var sums = [Double](repeating: 0, count: 12), counts = [0, 0, 0, 0]
        for i in 0..<6000 {
            let c = large.train.labels[i]
            counts[c] += 1
            for k in 0..<3 { sums[c * 3 + k] += Double(large.train.inputs.scalars[i * 3 + k]) }
        }
        XCTAssertEqual(counts, [1500, 1500, 1500, 1500])
        for j in 0..<12 { XCTAssertEqual(sums[j] / 1500, large.means[j], accuracy: 5 / 1500.0.squareRoot(), "coordinate \(j)") }
    }

    func testAgreementLevelOutsideTheUnitIntervalIsRejected() {
        XCTAssertThrowsError(try kindSpec(SGLDEnsembleExperiment(), "simple-agreement: 1.5")) { error in
            XCTAssertTrue("\(error)".contains("simple-agreement"), "\(error)")
        }
    }
}
