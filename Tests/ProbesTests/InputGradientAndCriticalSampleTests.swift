import XCTest
import TrainingCore
@testable import Probes

final class InputGradientTests: XCTestCase {
    /// Against central differences of each example's own loss, computed in Float64 on the
    /// SmallNetwork copy of the model (h = 1e-5; tolerance 2e-4 covers Float32 rounding).
    func testMatchCentralDifferencesOfPerExampleLoss() throws {
        for activation in [Activation.tanh, .relu] {
            let model = try ModelProbeFixtures.mlp([4, 6, 5, 3], activation: activation, seed: 3)
            let data = try ModelProbeFixtures.data(n: 7, d: 4, classes: 3, seed: 4)
            // Batches of 3 cross example boundaries: rows must not mix.
            let g = try InputGradients.perExample(model: model, data: data, batchSize: 3)
            let sensitivity = try LossSensitivity.perExample(model: model, data: data, batchSize: 5)
            XCTAssertEqual(g.shape, [7, 4])
            let reference = try SmallNetwork(model: model)
            for i in 0..<7 {
                let x = data.inputs.scalars[i * 4 ..< (i + 1) * 4].map(Double.init)
                var l1 = 0.0
                for j in 0..<4 {
                    var plus = x, minus = x
                    plus[j] += 1e-5
                    minus[j] -= 1e-5
                    let fd = (try reference.loss(inputs: plus, labels: [data.labels[i]])
                              - reference.loss(inputs: minus, labels: [data.labels[i]])) / 2e-5
                    XCTAssertEqual(Double(g.scalars[i * 4 + j]), fd, accuracy: 2e-4, "\(activation) example \(i) input \(j)")
                    l1 += abs(fd)
                }
                XCTAssertEqual(sensitivity[i], l1, accuracy: 1e-3)
            }
        }
    }

    func testSmallNetworkCopyOfModelGivesSameLogits() throws {
        let model = try ModelProbeFixtures.mlp([3, 5, 4], activation: .tanh, seed: 9)
        let data = try ModelProbeFixtures.data(n: 6, d: 3, classes: 4, seed: 1)
        let logits = try model.forward(data.inputs, training: false).scalars
        let copy = try SmallNetwork(model: model)
        XCTAssertEqual(copy.widths, [3, 5, 4])
        let reference = try copy.logits(inputs: data.inputs.scalars.map(Double.init))
        for k in logits.indices { XCTAssertEqual(Double(logits[k]), reference[k], accuracy: 1e-5) }
        // Mixed hidden activations cannot be copied.
        var rng = SeededGenerator(seed: 1)
        let mixed = try Model(layers: [Dense(inputSize: 2, outputSize: 2, activation: .relu),
                                       Dense(inputSize: 2, outputSize: 2, activation: .tanh),
                                       try Dense(inputSize: 2, outputSize: 2)], inputShape: [2], rng: &rng)
        XCTAssertThrowsError(try SmallNetwork(model: mixed))
    }

    func testMismatchedDataThrows() throws {
        let model = try ModelProbeFixtures.mlp([3, 2], activation: .relu, seed: 1)
        let data = try ModelProbeFixtures.data(n: 2, d: 4, classes: 2, seed: 1)
        XCTAssertThrowsError(try InputGradients.perExample(model: model, data: data))
    }
}

final class CriticalSampleRatioTests: XCTestCase {
    /// logits = (x₀, −x₀): the boundary is x₀ = 0, so exactly the points with |x₀| < r have an
    /// adversarial example in the L∞ ball of radius r. Points sit well inside or outside it.
    private func boundaryModel() throws -> Model {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(layers: [Dense(inputSize: 2, outputSize: 2)], inputShape: [2], rng: &rng)
        try model.setFlatParameters([1, 0, -1, 0, 0, 0])     // W (2, 2) then b (2)
        return model
    }

    func testFindsExactlyThePointsNearTheBoundary() throws {
        let model = try boundaryModel()
        let x0: [Float] = [0.05, -0.1, 0.2, -0.22, 0.5, -0.6, 1, -0.9]
        let x: [Float] = x0.flatMap { v -> [Float] in [v, 0.3] }
        let data = try LabeledData(inputs: Tensor(shape: [8, 2], scalars: x), labels: [Int](repeating: 0, count: 8), classes: 2)
        let expected = x0.map { abs($0) < 0.3 }
        // Without noise the search is deterministic: one step of 0.25 crosses from |x₀| ≤ 0.22.
        var quiet = TestGenerator(seed: 1)
        let plain = try CriticalSampleSearch(radius: 0.3, alpha: 0.25, beta: 0, iterations: 5)
            .run(model: model, data: data, rng: &quiet)
        XCTAssertEqual(plain.critical, expected)
        XCTAssertEqual(plain.ratio, 0.5)
        XCTAssertEqual(plain.flipIterations.compactMap { $0 }, [1, 1, 1, 1])
        // With Arpit et al.'s noise the ball still bounds what can be found.
        var rng = TestGenerator(seed: 5)
        let noisy = try CriticalSampleSearch(radius: 0.3, iterations: 20).run(model: model, data: data, rng: &rng, batchSize: 3)
        XCTAssertEqual(noisy.critical, expected)
        // A radius below every |x₀|: nothing is critical.
        let none = try CriticalSampleSearch(radius: 0.04, iterations: 20).run(model: model, data: data, rng: &rng)
        XCTAssertEqual(none.ratio, 0)
    }
}
