import TrainingCore

extension SmallNetwork {
    /// The Float64 copy of a core MLP made only of `Dense` layers (hidden layers all tanh or all
    /// ReLU, the last one linear), so that its exact Hessian can be computed. The parameter
    /// layout is the same (`W (out, in)` then `b`, layer by layer).
    public init(model: Model) throws {
        let dense = denseLayers(of: model)
        guard dense.count == model.layers.count, let last = dense.last else {
            throw ProbeError.invalidArgument("SmallNetwork(model:) needs a model of Dense layers only")
        }
        guard last.activation == .identity else {
            throw ProbeError.invalidArgument("SmallNetwork(model:) needs a linear output layer (got \(last.activation))")
        }
        let hidden = Set(dense.dropLast().map(\.activation))
        let activation: Activation
        switch hidden {
        case []: activation = .tanh                      // no hidden layer: the choice is unused
        case [.tanh]: activation = .tanh
        case [.relu]: activation = .relu
        default:
            throw ProbeError.invalidArgument("SmallNetwork(model:) needs every hidden layer tanh, or every one ReLU (got \(hidden))")
        }
        try self.init(widths: [dense[0].inputs] + dense.map(\.outputs), activation: activation,
                      parameters: model.flatParameters().map(Double.init))
    }
}

extension LabeledData {
    /// The inputs as Float64, row-major `(count, sampleSize)`, for the Float64 probes.
    public var float64Inputs: [Double] { inputs.scalars.map(Double.init) }
}
