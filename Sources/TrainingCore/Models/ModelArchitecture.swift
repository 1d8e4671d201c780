/// A network described as a value, so that an experiment can be hashed and cached by meaning.
///
/// Build one with `Model(architecture:inputShape:classes:rng:)`.
public enum ModelArchitecture: Codable, Hashable, Sendable {
    /// A multi-layer perceptron: `hidden` widths (any depth, possibly none), each a Dense layer with
    /// `activation`, optionally followed by BatchNorm and Dropout (rate `dropout`), then a Dense
    /// output layer. Weights: He for ReLU, Glorot otherwise; biases zero.
    case mlp(hidden: [Int], activation: Activation = .relu, batchNorm: Bool = false, dropout: Float = 0)

    /// The layers of this architecture for inputs of `inputShape` and `classes` outputs.
    func makeLayers(inputShape: [Int], classes: Int, rng: inout SeededGenerator) throws -> [any Layer] {
        guard classes > 0 else { throw TrainingCoreError("ModelArchitecture: classes must be positive") }
        let inputSize = inputShape.reduce(1, *)
        guard inputSize > 0 else { throw TrainingCoreError("ModelArchitecture: empty input shape \(inputShape)") }
        switch self {
        case let .mlp(hidden, activation, batchNorm, dropout):
            guard hidden.allSatisfy({ $0 > 0 }) else {
                throw TrainingCoreError("ModelArchitecture.mlp: hidden widths must be positive, got \(hidden)")
            }
            guard batchNorm == false, dropout == 0 else {
                throw TrainingCoreError("ModelArchitecture.mlp: batchNorm/dropout are not available yet")
            }
            let initializer: Initializer = activation == .relu ? .he : .glorot
            var layers: [any Layer] = []
            var width = inputSize
            for h in hidden {
                layers.append(Dense(inputSize: width, outputSize: h, activation: activation,
                                    weightInitializer: initializer))
                width = h
            }
            layers.append(Dense(inputSize: width, outputSize: classes, activation: .identity,
                                weightInitializer: initializer))
            return layers
        }
    }
}
