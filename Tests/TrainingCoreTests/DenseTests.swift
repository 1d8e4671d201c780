import XCTest
@testable import TrainingCore

final class DenseTests: XCTestCase {
    func testForwardMatchesHandComputedAffineMap() throws {
        // W = [[1, 2], [3, 4], [5, 6]] (out 3, in 2), b = [0.5, -1, 0]; x = [1, -1].
        let layer = try Dense(inputSize: 2, outputSize: 3, activation: .identity)
        var rng = SeededGenerator(seed: 0)
        let model = try Model(layers: [layer], inputShape: [2], rng: &rng)
        try model.setFlatParameters([1, 2, 3, 4, 5, 6, 0.5, -1, 0])
        let y = try model.forward(Tensor(shape: [1, 2], scalars: [1, -1]), training: false)
        XCTAssertEqual(y.scalars, [-0.5, -2, -1])
    }

    func testBackwardMatchesFiniteDifferencesForEveryActivation() throws {
        for activation in Activation.allCases {
            // ReLU kinks: keep pre-activations away from 0 by checking at small h.
            var check = GradientCheck()
            if activation == .relu { check.h = 1e-3; check.atol = 2e-3 }
            check.check(layer: try Dense(inputSize: 5, outputSize: 4, activation: activation,
                                     weightInitializer: .glorot), batch: 3)
        }
    }

    func testGradientScaleAccumulates() throws {
        // Two backward passes with gradientScale 1 give twice the gradient of one with scale 0.
        let layer = try Dense(inputSize: 3, outputSize: 2)
        var rng = SeededGenerator(seed: 3)
        let params = FloatBuffer(count: layer.parameterCount), grads = FloatBuffer(count: layer.parameterCount)
        layer.bind(parameters: params.pointer, gradients: grads.pointer)
        layer.initialize(using: &rng)
        let x: [Float] = [1, 2, 3, 4, 5, 6]
        var y = [Float](repeating: 0, count: 4)
        layer.forward(x, &y, batch: 2, training: true)
        var dy: [Float] = [1, -1, 0.5, 2]
        layer.backward(x: x, y: y, dy: &dy, dx: nil, batch: 2, blend: .overwrite)
        let once = Array(grads.buffer)
        dy = [1, -1, 0.5, 2]
        layer.backward(x: x, y: y, dy: &dy, dx: nil, batch: 2, blend: .accumulate)
        for (a, b) in zip(grads.buffer, once) { XCTAssertEqual(a, 2 * b, accuracy: 1e-6) }
    }
}
