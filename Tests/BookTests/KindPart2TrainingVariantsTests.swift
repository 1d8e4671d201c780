import XCTest
import TrainingCore
import Probes
@testable import Book

/// `kind: sharpness`, `sgld-ensemble`, `pruning`, `measures` on tiny sizes,
/// against finite differences, hand-computed cases and cases whose answer is known in advance.
final class KindPart2TrainingVariantsTests: XCTestCase {
    /// SAF's logit gradient `λτ(q − q_past)/B` against central differences of
    /// `λτ² KL(softmax(z_past/τ) ‖ softmax(z/τ)) / B` (tolerance 1e-3 relative, Float32 storage).
    func testTrajectoryGradientMatchesFiniteDifferences() throws {
        let k = 3, lambda = 0.3, tau = 2.0
        let z: [Float] = [0.5, -1.0, 2.0, 0.1, 0.2, -0.3]          // (B = 2, K = 3)
        let past: [Float] = [9, 9, 9, 1.5, 0.0, -2.0, 0.3, 0.3, 1.0] // (n = 3, K), rows 1 and 2 used
        let rows = [1, 2]
        var d = try Tensor(shape: [2, k])
        SharpnessExperiment.addTrajectoryGradient(logits: try Tensor(shape: [2, k], scalars: z), past: past, rows: rows, classes: k,
                                                  lambda: lambda, tau: tau, into: &d)
        func softmax(_ v: [Double]) -> [Double] { let m = v.max()!; let e = v.map { exp($0 - m) }; let s = e.reduce(0, +); return e.map { $0 / s } }
        func objective(_ zz: [Double]) -> Double {
            var total = 0.0
            for r in 0..<2 {
                let p = softmax((0..<k).map { Double(past[rows[r] * k + $0]) / tau })
                let q = softmax((0..<k).map { zz[r * k + $0] / tau })
                for c in 0..<k { total += p[c] * log(p[c] / q[c]) }
            }
            return lambda * tau * tau * total / 2
        }
        let base = z.map(Double.init), h = 1e-5
        for j in base.indices {
            var up = base, down = base
            up[j] += h; down[j] -= h
            let numeric = (objective(up) - objective(down)) / (2 * h)
            XCTAssertEqual(Double(d.scalars[j]), numeric, accuracy: 1e-3 * max(abs(numeric), 1e-3), "logit \(j)")
        }
    }

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
