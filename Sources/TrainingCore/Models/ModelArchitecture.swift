/// A network described as a value, so that an experiment can be hashed and cached by meaning.
///
/// Build one with `Model(architecture:inputShape:classes:rng:)`. Inputs are `(C, H, W)` images
/// for the convolutional nets and anything for the MLP (it flattens).
public enum ModelArchitecture: Codable, Hashable, Sendable {
    /// A multi-layer perceptron: `hidden` widths (any depth, possibly none), each a Dense layer with
    /// `activation`, optionally followed by BatchNorm and by Dropout (rate `dropout`), then a Dense
    /// output layer. Weights: He for ReLU, Glorot otherwise; biases zero.
    case mlp(hidden: [Int], activation: Activation = .relu, batchNorm: Bool = false, dropout: Float = 0)

    /// A small CNN in the spirit of Arpit et al.'s / Zhang et al.'s "small AlexNet": for each entry
    /// of `channels`, a `kernelSize × kernelSize` convolution (same padding) + ReLU (+ BatchNorm) and a
    /// 2×2 max pool; then Dense + ReLU layers of widths `dense` (+ Dropout) and a Dense output.
    /// Default on 28×28: conv 32 → pool → conv 64 → pool → dense 128 → 10 (≈ 420k parameters).
    case smallCNN(channels: [Int] = [32, 64], kernelSize: Int = 3, dense: [Int] = [128],
                  batchNorm: Bool = false, dropout: Float = 0)

    /// A small ResNet: a 3×3 stem convolution of `width` channels, then stages of
    /// `blocksPerStage` residual blocks at widths `width, 2·width, 4·width` (the first block of
    /// stages 2 and 3 halves the resolution), global average pooling and a Dense output.
    /// Each block: conv3×3 (+BN) + ReLU, conv3×3 (+BN), shortcut (1×1 conv (+BN) when the shape changes), ReLU.
    case smallResNet(width: Int = 16, blocksPerStage: Int = 1, batchNorm: Bool = true)

    /// Zhang et al.'s (2017) small Inception for CIFAR-10, its channel counts multiplied by `width`:
    /// a 3×3 convolution of 96 channels, Inception modules (a 1×1 and a 3×3 convolution side by side,
    /// outputs concatenated) (32, 32), (32, 48), a downsampling module (a 3×3 stride-2 convolution of
    /// 80 channels beside a 3×3 stride-2 max pool), modules (112, 48), (96, 64), (80, 80), (48, 96),
    /// a downsampling module of 96, modules (176, 160) twice, global average pooling and a Dense
    /// output. Every convolution is followed by BatchNorm (when `batchNorm`) and ReLU. About 1.65M
    /// parameters at width 1 on 3×28×28 inputs.
    case smallInception(width: Double = 1, batchNorm: Bool = true)

    /// The layers of this architecture for inputs of `inputShape` and `classes` outputs.
    func makeLayers(inputShape: [Int], classes: Int, rng: inout SeededGenerator) throws -> [any Layer] {
        guard classes > 0 else { throw TrainingCoreError("ModelArchitecture: classes must be positive") }
        let inputSize = inputShape.reduce(1, *)
        guard inputSize > 0, inputShape.allSatisfy({ $0 > 0 }) else {
            throw TrainingCoreError("ModelArchitecture: empty input shape \(inputShape)")
        }
        switch self {
        case let .mlp(hidden, activation, batchNorm, dropout):
            guard hidden.allSatisfy({ $0 > 0 }) else {
                throw TrainingCoreError("ModelArchitecture.mlp: hidden widths must be positive, got \(hidden)")
            }
            return try Self.denseStack(from: inputSize, hidden: hidden, classes: classes, activation: activation,
                                       batchNorm: batchNorm, dropout: dropout)

        case let .smallCNN(channels, kernelSize, dense, batchNorm, dropout):
            guard inputShape.count == 3 else {
                throw TrainingCoreError("smallCNN needs (C, H, W) inputs, got \(inputShape)")
            }
            guard kernelSize > 0, kernelSize % 2 == 1, channels.allSatisfy({ $0 > 0 }), dense.allSatisfy({ $0 > 0 }) else {
                throw TrainingCoreError("smallCNN: channels and dense widths must be positive and the kernel size odd")
            }
            var layers: [any Layer] = []
            var shape = inputShape
            for c in channels {
                let conv = try Conv2D(inputShape: shape, outputChannels: c, kernelSize: kernelSize,
                                      padding: kernelSize / 2, activation: batchNorm ? .identity : .relu)
                layers.append(conv)
                shape = conv.outputShape
                if batchNorm {
                    layers.append(try BatchNorm(shape: shape))
                    layers.append(ActivationLayer(.relu, shape: shape))
                }
                guard shape[1] >= 2, shape[2] >= 2 else {
                    throw TrainingCoreError("smallCNN: the input \(inputShape) is too small for \(channels.count) pooling stages")
                }
                let pool = try MaxPool2D(inputShape: shape, kernelSize: 2)
                layers.append(pool)
                shape = pool.outputShape
            }
            layers.append(Flatten(inputShape: shape))
            layers += try Self.denseStack(from: shape.reduce(1, *), hidden: dense, classes: classes, activation: .relu,
                                          batchNorm: batchNorm, dropout: dropout)
            return layers

        case let .smallInception(width, batchNorm):
            guard inputShape.count == 3 else {
                throw TrainingCoreError("smallInception needs (C, H, W) inputs, got \(inputShape)")
            }
            guard width > 0, width.isFinite else { throw TrainingCoreError("smallInception: width must be positive") }
            guard inputShape[1] >= 15, inputShape[2] >= 15 else {
                throw TrainingCoreError("smallInception: the input \(inputShape) is too small for two downsampling modules (15×15 at least)")
            }
            return try Self.inceptionLayers(input: inputShape, classes: classes, width: width, batchNorm: batchNorm)

        case let .smallResNet(width, blocksPerStage, batchNorm):
            guard inputShape.count == 3 else {
                throw TrainingCoreError("smallResNet needs (C, H, W) inputs, got \(inputShape)")
            }
            guard width > 0, blocksPerStage > 0 else {
                throw TrainingCoreError("smallResNet: width and blocksPerStage must be positive")
            }
            var layers: [any Layer] = []
            var shape = inputShape
            let stem = try Conv2D(inputShape: shape, outputChannels: width, kernelSize: 3, padding: 1,
                                  activation: batchNorm ? .identity : .relu)
            layers.append(stem)
            shape = stem.outputShape
            if batchNorm {
                layers.append(try BatchNorm(shape: shape))
                layers.append(ActivationLayer(.relu, shape: shape))
            }
            for (stage, channels) in [width, 2 * width, 4 * width].enumerated() {
                for b in 0..<blocksPerStage {
                    let stride = (stage > 0 && b == 0) ? 2 : 1
                    let block = try Self.residualBlock(input: shape, channels: channels, stride: stride, batchNorm: batchNorm)
                    layers.append(block)
                    shape = block.outputShape
                }
            }
            layers.append(try AveragePool2D.global(inputShape: shape))
            layers.append(try Dense(inputSize: shape[0], outputSize: classes, weightInitializer: .glorot))
            return layers
        }
    }

    /// Dense layers of widths `hidden` with `activation` (+ BatchNorm, + Dropout), then the output layer.
    static func denseStack(from inputSize: Int, hidden: [Int], classes: Int, activation: Activation,
                           batchNorm: Bool, dropout: Float) throws -> [any Layer] {
        let initializer: Initializer = activation == .relu ? .he : .glorot
        var layers: [any Layer] = []
        var width = inputSize
        for h in hidden {
            if batchNorm {
                layers.append(try Dense(inputSize: width, outputSize: h, activation: .identity, weightInitializer: initializer))
                layers.append(try BatchNorm(shape: [h]))
                layers.append(ActivationLayer(activation, shape: [h]))
            } else {
                layers.append(try Dense(inputSize: width, outputSize: h, activation: activation, weightInitializer: initializer))
            }
            if dropout > 0 { layers.append(try Dropout(rate: dropout, shape: [h])) }
            width = h
        }
        layers.append(try Dense(inputSize: width, outputSize: classes, activation: .identity, weightInitializer: initializer))
        return layers
    }

    /// The layers of `.smallInception` (see there).
    static func inceptionLayers(input: [Int], classes: Int, width: Double, batchNorm: Bool) throws -> [any Layer] {
        func scaled(_ c: Int) -> Int { max(1, Int((Double(c) * width).rounded())) }
        /// Conv (+BN) + ReLU; with BatchNorm, the ReLU runs inside its passes.
        func convModule(_ shape: [Int], _ channels: Int, kernel: Int, stride: Int = 1, padding: Int) throws -> [any Layer] {
            let conv = try Conv2D(inputShape: shape, outputChannels: scaled(channels), kernelSize: kernel, stride: stride,
                                  padding: padding, activation: batchNorm ? .identity : .relu)
            guard batchNorm else { return [conv] }
            return [conv, try BatchNorm(shape: conv.outputShape, activation: .relu)]   // BatchNorm + ReLU in one pass
        }
        func inception(_ shape: [Int], _ c1: Int, _ c3: Int) throws -> ChannelConcat {
            try ChannelConcat(branches: [try convModule(shape, c1, kernel: 1, padding: 0),
                                         try convModule(shape, c3, kernel: 3, padding: 1)])
        }
        func downsample(_ shape: [Int], _ c3: Int) throws -> ChannelConcat {
            try ChannelConcat(branches: [try convModule(shape, c3, kernel: 3, stride: 2, padding: 0),
                                         [try MaxPool2D(inputShape: shape, kernelSize: 3, stride: 2)]])
        }
        var layers = try convModule(input, 96, kernel: 3, padding: 1)
        var shape = layers.last!.outputShape
        func append(_ layer: any Layer) { layers.append(layer); shape = layer.outputShape }
        append(try inception(shape, 32, 32))
        append(try inception(shape, 32, 48))
        append(try downsample(shape, 80))
        for (c1, c3) in [(112, 48), (96, 64), (80, 80), (48, 96)] { append(try inception(shape, c1, c3)) }
        append(try downsample(shape, 96))
        append(try inception(shape, 176, 160))
        append(try inception(shape, 176, 160))
        append(try AveragePool2D.global(inputShape: shape))
        append(try Dense(inputSize: shape[0], outputSize: classes, weightInitializer: .glorot))
        return layers
    }

    /// conv3×3(stride) (+BN) + ReLU → conv3×3 (+BN), shortcut 1×1 conv(stride) (+BN) if the shape changes.
    static func residualBlock(input: [Int], channels: Int, stride: Int, batchNorm: Bool) throws -> ResidualBlock {
        var body: [any Layer] = []
        let conv1 = try Conv2D(inputShape: input, outputChannels: channels, kernelSize: 3, stride: stride, padding: 1,
                               activation: batchNorm ? .identity : .relu)
        body.append(conv1)
        if batchNorm {
            body.append(try BatchNorm(shape: conv1.outputShape))
            body.append(ActivationLayer(.relu, shape: conv1.outputShape))
        }
        let conv2 = try Conv2D(inputShape: conv1.outputShape, outputChannels: channels, kernelSize: 3, padding: 1)
        body.append(conv2)
        if batchNorm { body.append(try BatchNorm(shape: conv2.outputShape)) }
        var shortcut: [any Layer] = []
        if stride != 1 || input[0] != channels {
            let projection = try Conv2D(inputShape: input, outputChannels: channels, kernelSize: 1, stride: stride)
            shortcut.append(projection)
            if batchNorm { shortcut.append(try BatchNorm(shape: projection.outputShape)) }
        }
        return try ResidualBlock(body: body, shortcut: shortcut, activation: .relu)
    }
}
