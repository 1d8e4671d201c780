import XCTest
@testable import TrainingCore

final class ActivationLayerTests: XCTestCase {
    func testForwardValues() throws {
        var rng = SeededGenerator(seed: 0)
        let x = try Tensor(shape: [1, 3], scalars: [-2, 0, 3])
        let relu = try Model(layers: [ActivationLayer(.relu, shape: [3])], inputShape: [3], rng: &rng)
        XCTAssertEqual(try relu.forward(x, training: false).scalars, [0, 0, 3])
        let sigmoid = try Model(layers: [ActivationLayer(.sigmoid, shape: [3])], inputShape: [3], rng: &rng)
        let s = try sigmoid.forward(x, training: false).scalars
        XCTAssertEqual(s[0], Float(1 / (1 + exp(2.0))), accuracy: 1e-6)
        XCTAssertEqual(s[1], 0.5)
        let tanhModel = try Model(layers: [ActivationLayer(.tanh, shape: [3])], inputShape: [3], rng: &rng)
        XCTAssertEqual(try tanhModel.forward(x, training: false).scalars[2], Float(tanh(3.0)), accuracy: 1e-6)
    }

    func testBackwardMatchesFiniteDifferences() {
        for activation in [Activation.relu, .tanh, .sigmoid] {
            var check = GradientCheck()
            if activation == .relu { check.h = 1e-3 }
            check.check(layer: ActivationLayer(activation, shape: [2, 3]), batch: 2)
        }
    }
}
