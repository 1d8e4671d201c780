import XCTest
import TrainingCore
import Probes
@testable import Book

/// `kind: sharpness`, `sgld-ensemble`, `pruning`, `measures` on tiny sizes,
/// against finite differences, hand-computed cases and cases whose answer is known in advance.
final class KindPart2TrainingVariantsTests: XCTestCase {
    func testSAMUsesTwoGradientsAndAllMethodsTrain() throws {
        let kind = SharpnessExperiment()
        for method in ["sgd", "sam", "saf"] {
            let spec = try kindSpec(kind, "data: {train: 60, test: 30, dimension: 4, clusters: 3}\nhidden: [6]\nbatch: 20\nepochs: 3\nlag: 1\nlanczos: 8\nmethod: \(method)")
            let m = try kind.run(spec, seed: 1, context: RunContext())
            XCTAssertEqual(m.scalars["gradients-per-step"], method == "sam" ? 2 : 1)
            XCTAssertTrue(m.scalars["top-eigenvalue"]!.isFinite)
            XCTAssertLessThan(m.series["train-loss"]!.last!, m.series["train-loss"]!.first! + 1e-9, "\(method) did not reduce the loss")
        }
    }

    /// Averaging one sample is that sample: the ensemble's accuracy equals the sample's, gain 0.
    func testEnsembleOfOneSampleIsTheSample() throws {
        let kind = SGLDEnsembleExperiment()
        let spec = try kindSpec(kind, "data: {train: 30, test: 50, dimension: 4, clusters: 3}\nhidden: [6]\nbatch: 10\nburn-in: 20\nsamples: 1\nthin: 5")
        let m = try kind.run(spec, seed: 3, context: RunContext())
        XCTAssertEqual(m.scalars["ensemble-test-accuracy"]!, m.scalars["mean-sample-test-accuracy"]!, accuracy: 1e-12)
        XCTAssertEqual(m.scalars["disagreement"]!, 0, accuracy: 1e-12)
        XCTAssertEqual(m.scalars["ensemble-test-nll"]!, m.scalars["mean-sample-test-nll"]!, accuracy: 1e-4)
    }

    func testEnsembleAccuracyAndLikelihoodByHand() throws {
        // Two test points, 2 classes, 2 samples summed: point 0 → (1.2, 0.8), point 1 → (0.6, 1.4).
        let test = try LabeledData(inputs: Tensor(shape: [2, 1], scalars: [0, 0]), labels: [0, 0], classes: 2)
        let (accuracy, nll) = SGLDEnsembleExperiment.ensemble([1.2, 0.8, 0.6, 1.4], count: 2, test: test, classes: 2)
        XCTAssertEqual(accuracy, 0.5)
        XCTAssertEqual(nll, -(log(0.6) + log(0.3)) / 2, accuracy: 1e-12)
    }

    func testPruningNothingChangesNothing() throws {
        let kind = PruningExperiment()
        let spec = try kindSpec(kind, "data: {train: 60, test: 40, dimension: 5, clusters: 3}\nhidden: [12]\nbatch: 20\nepochs: 2\nfinetune: 1\nsparsity: 0")
        let m = try kind.run(spec, seed: 4, context: RunContext())
        XCTAssertEqual(m.scalars["pruned-test-accuracy"], m.scalars["dense-test-accuracy"])
        XCTAssertEqual(m.scalars["sparsity-measured"], 0)
        let pruned = try kind.run(try kindSpec(kind, "data: {train: 60, test: 40, dimension: 5, clusters: 3}\nhidden: [12]\nbatch: 20\nepochs: 2\nfinetune: 1\nsparsity: 0.5\nmethod: random"), seed: 4, context: RunContext())
        let prunable = 5 * 12 + 12 * 3
        XCTAssertEqual(pruned.scalars["sparsity-measured"]!, 0.5, accuracy: 1.0 / Double(prunable))
    }

    /// Kendall's τ recomputed by the O(N²) definition from the recorded series.
    func testMeasuresTauMatchesTheDefinition() throws {
        let kind = MeasuresExperiment()
        let spec = try kindSpec(kind, "data: {train: 40, test: 60, dimension: 4, clusters: 4, classes: 2}\nwidths: [4, 16]\ndepths: [1]\nlrs: [0.05, 0.2]\nbatches: [10]\ntarget-loss: 0.3\nmax-epochs: 60\nnoise-samples: 2")
        let m = try kind.run(spec, seed: 1, context: RunContext())
        XCTAssertEqual(m.scalars["models"]! + m.scalars["excluded"]!, 4)
        let gap = m.series["gap"] ?? []
        guard gap.count >= 2 else { return XCTFail("too few models reached the target") }
        for name in ["frobenius", "sharpness", "distance"] {
            let mu = m.series[name]!
            var s = 0.0
            for j in 0..<gap.count { for k in (j + 1)..<gap.count {
                let a = (mu[j] - mu[k]).sign == .minus ? -1.0 : (mu[j] == mu[k] ? 0 : 1)
                let b = (gap[j] - gap[k]).sign == .minus ? -1.0 : (gap[j] == gap[k] ? 0 : 1)
                s += a * b
            } }
            let pairs = Double(gap.count * (gap.count - 1) / 2)
            // τ-a by definition; a τ-b implementation agrees when there are no ties.
            let hasTies = Set(mu).count < mu.count || Set(gap).count < gap.count
            if !hasTies { XCTAssertEqual(m.scalars["tau-\(name)"]!, s / pairs, accuracy: 1e-12, name) }
        }
    }
}
