import TrainingCore
@testable import Probes

/// Small core models and data sets with known parameters, shared by the model-probe tests.
enum ModelProbeFixtures {
    /// An MLP `d → hidden… → classes` with random weights (and random, non-zero biases).
    static func mlp(_ widths: [Int], activation: Activation, seed: UInt64) throws -> Model {
        var rng = SeededGenerator(seed: seed)
        var layers: [any Layer] = []
        for l in 1..<widths.count {
            layers.append(try Dense(inputSize: widths[l - 1], outputSize: widths[l],
                                activation: l == widths.count - 1 ? .identity : activation))
        }
        let model = try Model(layers: layers, inputShape: [widths[0]], rng: &rng)
        try model.setFlatParameters(model.flatParameters().map { $0 + 0.1 * rng.normal() })
        return model
    }

    /// `n` random inputs in [−1, 1]^d with random labels.
    static func data(n: Int, d: Int, classes: Int, seed: UInt64) throws -> LabeledData {
        var rng = SeededGenerator(seed: seed)
        let x = (0..<(n * d)).map { _ in rng.uniform(-1, 1) }
        let y = (0..<n).map { _ in rng.nextInt(below: classes) }
        return try LabeledData(inputs: Tensor(shape: [n, d], scalars: x), labels: y, classes: classes)
    }
}
