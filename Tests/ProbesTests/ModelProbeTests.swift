import XCTest
import TrainingCore
@testable import Probes

final class GradientCoherenceTests: XCTestCase {
    func testHandCases() throws {
        XCTAssertEqual(try GradientCoherence(gradients: [[1, 0], [0, 1]]).mCoherence, 1)
        XCTAssertEqual(try GradientCoherence(gradients: [[1, 0], [1, 0], [1, 0]]).mCoherence, 3)
        XCTAssertEqual(try GradientCoherence(gradients: [[1, 0], [-1, 0]]).mCoherence, 0)
        let c = try GradientCoherence(gradients: [[2, 0], [0, 1]])   // ‖Σ‖² = 5, Σ‖g‖² = 5
        XCTAssertEqual(c.mCoherence, 1)
        XCTAssertEqual(c.alpha, 0.5)
        XCTAssertThrowsError(try GradientCoherence(gradients: []))
    }

    /// Against per-example gradients computed independently in Float64 (SmallNetwork copy).
    func testMatchesFloat64PerExampleGradients() throws {
        let model = try ModelProbeFixtures.mlp([3, 6, 4], activation: .relu, seed: 12)
        let data = try ModelProbeFixtures.data(n: 9, d: 3, classes: 4, seed: 13)
        let measured = try GradientCoherence.measure(model: model, data: data, method: .streaming)
        let batched = try GradientCoherence.measure(model: model, data: data)
        let copy = try SmallNetwork(model: model)
        let gradients = try (0..<9).map { i in
            try copy.lossAndGradient(inputs: data.inputs.scalars[i * 3 ..< (i + 1) * 3].map(Double.init),
                                     labels: [data.labels[i]]).gradient
        }
        let reference = try GradientCoherence(gradients: gradients)
        XCTAssertEqual(measured.mCoherence, reference.mCoherence, accuracy: 1e-4 * reference.mCoherence)
        XCTAssertEqual(batched.mCoherence, reference.mCoherence, accuracy: 1e-10 * reference.mCoherence)
        for i in 0..<9 { XCTAssertEqual(batched.squaredNorms[i], reference.squaredNorms[i], accuracy: 1e-10 * reference.squaredNorms[i]) }
        for i in 0..<9 { XCTAssertEqual(measured.squaredNorms[i], reference.squaredNorms[i], accuracy: 1e-4 * reference.squaredNorms[i]) }
        XCTAssertEqual(model.flatGradients().max(), 0)     // gradients left zeroed
        // The same example m times: m-coherence = m.
        let repeated = data.subset([2, 2, 2, 2, 2])
        XCTAssertEqual(try GradientCoherence.measure(model: model, data: repeated).mCoherence, 5, accuracy: 1e-10)
        XCTAssertEqual(try GradientCoherence.measure(model: model, data: repeated, method: .streaming).mCoherence, 5, accuracy: 1e-4)
    }
}

final class DeadUnitTests: XCTestCase {
    func testCountsUnitsThatNeverFire() throws {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(layers: [Dense(inputSize: 2, outputSize: 4, activation: .relu),
                                       Dense(inputSize: 4, outputSize: 3, activation: .identity),
                                       ActivationLayer(.relu, shape: [3]),
                                       try Dense(inputSize: 3, outputSize: 2)], inputShape: [2], rng: &rng)
        var theta = model.flatParameters()
        // Layer 0: W = 0 except unit 1 reads x₀; biases (−1, 0, −1, 1) ⇒ units 0 and 2 dead,
        // unit 1 fires when x₀ > 0, unit 3 always fires.
        for k in 0..<8 { theta[k] = 0 }
        theta[1 * 2 + 0] = 1
        theta[8 ..< 12] = [-1, 0, -1, 1]
        // Layer 1 (offset 12): W = 0, biases (1, −1, 0) ⇒ after the ReLU layer, units 1 and 2 dead.
        for k in 12 ..< 24 { theta[k] = 0 }
        theta[24 ..< 27] = [1, -1, 0]
        try model.setFlatParameters(theta)
        let x: [Float] = [1, 0, -1, 0, 0.5, 3, -2, 1]      // x₀ > 0 in 2 of 4 examples
        let data = try LabeledData(inputs: Tensor(shape: [4, 2], scalars: x), labels: [0, 1, 0, 1], classes: 2)
        let report = try DeadUnitReport.measure(model: model, data: data, batchSize: 3)
        XCTAssertEqual(report.layers.map(\.layer), [0, 2])
        XCTAssertEqual(report.layers.map(\.dead), [2, 2])
        XCTAssertEqual(report.layers[0].inactiveFraction, 10.0 / 16)   // units 0, 2 always; unit 1 half the time
        XCTAssertEqual(report.layers[1].inactiveFraction, 8.0 / 12)
        XCTAssertEqual(report.rate, 4.0 / 7)
    }

    func testCountsTheReLUInsideBatchNorm() throws {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(layers: [Dense(inputSize: 2, outputSize: 3, activation: .identity),
                                       try BatchNorm(shape: [3], activation: .relu),
                                       try Dense(inputSize: 3, outputSize: 2)], inputShape: [2], rng: &rng)
        var theta = model.flatParameters()
        // Dense: W = 0, b = (0, 5, 0); BatchNorm (evaluation: running mean 0, variance 1): γ = 1,
        // β = (−100, 0, 100) ⇒ unit 0 never fires, units 1 and 2 always do.
        for k in 0..<6 { theta[k] = 0 }
        theta[6 ..< 9] = [0, 5, 0]
        theta[9 ..< 12] = [1, 1, 1]
        theta[12 ..< 15] = [-100, 0, 100]
        try model.setFlatParameters(theta)
        let data = try LabeledData(inputs: Tensor(shape: [2, 2], scalars: [1, -2, 0.5, 3]), labels: [0, 1], classes: 2)
        let report = try DeadUnitReport.measure(model: model, data: data, batchSize: 2)
        XCTAssertEqual(report.layers.map(\.layer), [1])
        XCTAssertEqual(report.layers.map(\.dead), [1])
    }
}

final class PruningMaskTests: XCTestCase {
    private func model() throws -> Model {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(layers: [Dense(inputSize: 2, outputSize: 2, activation: .relu),
                                       Dense(inputSize: 2, outputSize: 2)], inputShape: [2], rng: &rng)
        // Layer 0: W = (0.1, −4, 2, −0.3), b = (9, 9); layer 1: W = (1, −0.2, 3, 0.05), b = (0, 0).
        try model.setFlatParameters([0.1, -4, 2, -0.3, 9, 9, 1, -0.2, 3, 0.05, 0, 0])
        return model
    }

    func testMagnitudeRemovesSmallestWeightsOnly() throws {
        let m = try model()
        let global = try PruningMask.magnitude(model: m, sparsity: 0.5)
        // |w| sorted: 0.05, 0.1, 0.2, 0.3 | 1, 2, 3, 4 — biases never pruned.
        XCTAssertEqual(global.keep, [0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 1])
        XCTAssertEqual(global.prunableCount, 8)
        XCTAssertEqual(global.sparsity, 0.5)
        let layerwise = try PruningMask.magnitude(model: m, sparsity: 0.25, scope: .layerwise)
        XCTAssertEqual(layerwise.keep, [0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1])
        try global.apply(to: m)
        XCTAssertEqual(m.flatParameters(), [0, -4, 2, 0, 9, 9, 1, 0, 3, 0, 0, 0])
        XCTAssertThrowsError(try PruningMask.magnitude(model: m, sparsity: 1.5))
    }

    func testRandomMaskHasExactSparsityOverPrunableWeights() throws {
        let m = try model()
        var rng = TestGenerator(seed: 4)
        for sparsity in [0.0, 0.25, 0.75, 1.0] {
            let mask = try PruningMask.random(model: m, sparsity: sparsity, rng: &rng)
            XCTAssertEqual(mask.sparsity, sparsity)
            XCTAssertEqual([4, 5, 10, 11].map { mask.keep[$0] }, [1, 1, 1, 1])   // biases kept
        }
        let layerwise = try PruningMask.random(model: m, sparsity: 0.5, scope: .layerwise, rng: &rng)
        XCTAssertEqual(layerwise.keep[0..<4].filter { $0 == 0 }.count, 2)
        XCTAssertEqual(layerwise.keep[6..<10].filter { $0 == 0 }.count, 2)
    }
}

final class GeneralizationMeasureTests: XCTestCase {
    /// W₁ = [[3,0],[0,1]], b₁ = (1, 0), ReLU; W₂ = [[2,0],[0,0.5]], b₂ = (0, 2).
    private func model() throws -> Model {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(layers: [Dense(inputSize: 2, outputSize: 2, activation: .relu),
                                       Dense(inputSize: 2, outputSize: 2)], inputShape: [2], rng: &rng)
        try model.setFlatParameters([3, 0, 0, 1, 1, 0, 2, 0, 0, 0.5, 0, 2])
        return model
    }

    func testHandComputedMeasures() throws {
        let m = try model()
        // x = (1,1): h = (4+0, 1) ⇒ z = (8, 0.5+2) ⇒ margin for label 0 is 5.5.
        // x = (0,2): h = (1, 2) ⇒ z = (2, 3) ⇒ margin for label 1 is 1.
        // x = (1,0): h = (4, 0) ⇒ z = (8, 2) ⇒ margin for label 1 is −6.
        let data = try LabeledData(inputs: Tensor(shape: [3, 2], scalars: [1, 1, 0, 2, 1, 0]), labels: [0, 1, 1], classes: 2)
        var rng = TestGenerator(seed: 1)
        let initial: [Float] = [3, 0, 0, 1, 1, 0, 2, 0, 0, 0.5, 0, 0]   // differs in b₂ by (0, 2)
        let measures = try GeneralizationMeasures.compute(model: m, train: data, initialParameters: initial, rng: &rng)
        XCTAssertEqual(measures.parameterNormSquared, 9 + 1 + 1 + 4 + 0.25 + 4, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(measures.distanceFromInitialization), 2, accuracy: 1e-12)
        XCTAssertEqual(measures.logProductOfFrobeniusNorms, log(10) + log(4.25), accuracy: 1e-12)
        XCTAssertEqual(measures.logProductOfSpectralNorms, log(9 * 4), accuracy: 1e-9)
        // f_{θ²}(1): h = (9+1, 1) = (10, 1); z = (4·10 + 0, 0.25·1 + 4) ⇒ 44.25.
        XCTAssertEqual(measures.logPathNorm, log(44.25), accuracy: 1e-12)
        // 10th percentile of (−6, 1, 5.5) with index ⌊0.1·(n−1)⌋ = 0: −6 ⇒ no margin measures.
        XCTAssertEqual(measures.margin, -6)
        XCTAssertNil(measures.inverseMarginSquared)
        let correct = data.subset([0, 1])
        let positive = try GeneralizationMeasures.compute(model: m, train: correct, rng: &rng)
        XCTAssertEqual(positive.margin, 1)
        XCTAssertEqual(try XCTUnwrap(positive.inverseMarginSquared), 1)
        XCTAssertEqual(try XCTUnwrap(positive.logSpectralProductOverMargin), log(36), accuracy: 1e-9)
        XCTAssertNil(positive.distanceFromInitialization)
    }

    /// For a linear classifier the prediction is invariant to scaling all parameters by c, so the
    /// noise scale it tolerates scales by c — and not at all in the magnitude-aware variant.
    func testPerturbationSigmaScalesWithWeights() throws {
        var rng = SeededGenerator(seed: 3)
        let small = try Model(layers: [Dense(inputSize: 5, outputSize: 3)], inputShape: [5], rng: &rng)
        let big = try Model(layers: [Dense(inputSize: 5, outputSize: 3)], inputShape: [5], rng: &rng)
        try big.setFlatParameters(small.flatParameters().map { 10 * $0 })
        let data = try ModelProbeFixtures.data(n: 200, d: 5, classes: 3, seed: 2)
        let labelled = try LabeledData(inputs: data.inputs,
                                       labels: try Metrics.predictions(logits: try small.forward(data.inputs, training: false)),
                                       classes: 3)
        for magnitudeAware in [false, true] {
            let search = PerturbationSharpness(deviation: 0.1, samples: 4, searchSteps: 30, magnitudeAware: magnitudeAware)
            var r1 = TestGenerator(seed: 9), r2 = TestGenerator(seed: 9)
            let before = small.flatParameters()
            let s1 = try search.sigma(model: small, data: labelled, rng: &r1)
            let s2 = try search.sigma(model: big, data: labelled, rng: &r2)
            XCTAssertEqual(small.flatParameters(), before, "parameters restored")
            XCTAssertGreaterThan(s1, search.lower)
            XCTAssertLessThan(s1, search.upper)
            XCTAssertEqual(s2 / s1, magnitudeAware ? 1 : 10, accuracy: magnitudeAware ? 0.02 : 0.2)
        }
        // Expected rise at a fixed σ: zero at σ = 0; for the 0–1 error, the same at (W, σ) and
        // (10W, 10σ); for the cross-entropy of a linear model (convex in θ), positive.
        let search = PerturbationSharpness(samples: 20)
        var r1 = TestGenerator(seed: 5), r2 = TestGenerator(seed: 5), r3 = TestGenerator(seed: 6)
        XCTAssertEqual(try search.expectedRise(model: small, data: labelled, sigma: 0, rng: &r3), 0, accuracy: 1e-12)
        let e1 = try search.expectedRise(model: small, data: labelled, sigma: 0.3, zeroOneError: true, rng: &r1)
        let e2 = try search.expectedRise(model: big, data: labelled, sigma: 3, zeroOneError: true, rng: &r2)
        XCTAssertGreaterThan(e1, 0)
        XCTAssertEqual(e1, e2, accuracy: 0.01)
        XCTAssertGreaterThan(try search.expectedRise(model: small, data: labelled, sigma: 0.3, rng: &r3), 0)
        XCTAssertEqual(PerturbationSharpness.pacBayesBound(sigma: 0.5, distanceFromInitialization: 2, examples: 100),
                       4 / 1 + log(200) + 10, accuracy: 1e-12)
    }
}
