import XCTest
import TrainingCore
import Datasets
import Probes
@testable import Book

/// `kind: coherence` (winsorized SGD itself is tested in TrainingCore): label corruption against its
/// definition, and the recorded m-coherence against a direct per-example computation.
final class KindPart2CoherenceTests: XCTestCase {
    func testOtherClassCorruptionChangesExactlyTheRequestedShare() throws {
        var rng = SeededGenerator(seed: 3)
        let task = GaussianMixtureTask(clusters: 4, classes: 4, dimension: 5, separation: 3)
        let (clean, _) = try task.sample(train: 200, test: 0, rng: &rng)
        let (noisy, changed) = try LabelFlip.apply(clean, fraction: 0.3, rng: &rng)
        XCTAssertEqual(changed.filter { $0 }.count, 60)
        for i in 0..<200 { XCTAssertEqual(noisy.labels[i] != clean.labels[i], changed[i]) }
    }

    func testRecordedCoherenceAtInitializationMatchesPerExampleGradients() throws {
        let kind = CoherenceExperiment()
        let spec = try kindSpec(kind, "data: {train: 40, test: 20, dimension: 6, clusters: 3}\nhidden: [8]\nbatch: 10\nepochs: 1\nprobe: 30\nnoise: 0.5")
        let m = try kind.run(spec, seed: 5, context: RunContext())
        // Rebuild the same data and initial model, and compute ‖Σ gᵢ‖² / Σ‖gᵢ‖² from explicit gradients.
        var dataRNG = SeededGenerator(seed: 0xC0DE_0000 &+ 5)
        let task = try CoherenceExperiment.Parameters(specValue: spec).data.task
        let (clean, _) = try task.sample(train: 40, test: 20, rng: &dataRNG)
        let (train, _) = try LabelFlip.apply(clean, fraction: 0.5, rng: &dataRNG)
        var rng = SeededGenerator(seed: 5)
        let model = try Model(architecture: .mlp(hidden: [8], activation: .relu), inputShape: [6], classes: 3, rng: &rng)
        let probe = train.prefix(30)
        let grads = try model.perExampleGradients(inputs: probe.inputs, labels: probe.labels)
        var sum = [Double](repeating: 0, count: model.parameterCount)
        var norms = 0.0
        for g in grads { for k in g.indices { sum[k] += Double(g[k]); norms += Double(g[k]) * Double(g[k]) } }
        let expected = sum.reduce(0) { $0 + $1 * $1 } / norms
        XCTAssertEqual(m.scalars["initial-coherence"]!, expected, accuracy: 1e-3 * expected)
        XCTAssertEqual(m.scalars["clean-share"], 0.5)
        XCTAssertEqual(m.series["m-coherence"]!.count, m.series["clean-fit"]!.count)
    }

    /// The recorded adjusted overfit is the final training accuracy minus
    /// `(1 − q)·a + q·(1 − a)/(K − 1)` with the run's own test accuracy `a` and corrupt share `q`,
    /// in both corruption modes (uniform redraws that keep the label count as clean).
    func testRecordedAdjustedOverfitFollowsItsDefinition() throws {
        let kind = CoherenceExperiment()
        for mode in ["other-class", "uniform"] {
            let spec = try kindSpec(kind, "data: {train: 60, test: 40, dimension: 5, clusters: 3}\nhidden: [8]\nbatch: 10\nepochs: 2\nprobe: 20\nnoise: 0.5\nnoise-mode: \(mode)")
            let m = try kind.run(spec, seed: 2, context: RunContext())
            let a = m.series["test-accuracy"]!.last!, train = m.series["train-accuracy"]!.last!
            let q = 1 - m.scalars["clean-share"]!
            let expected = (1 - q) * a + q * (1 - a) / 2                          // K = 3
            XCTAssertEqual(m.scalars["non-memorizing-train-accuracy"]!, expected, accuracy: 1e-12, mode)
            XCTAssertEqual(m.scalars["adjusted-overfit"]!, train - expected, accuracy: 1e-12, mode)
            if mode == "other-class" { XCTAssertEqual(q, 0.5, accuracy: 1e-12) } else { XCTAssertLessThan(q, 0.5) }
        }
    }

    func testWinsorizationLevelMustLeaveValuesInTheBatch() {
        XCTAssertThrowsError(try kindSpec(CoherenceExperiment(), "batch: 8\nwinsorize: 4"))
    }
}
