import XCTest
@testable import TrainingCore

final class ArchitectureTests: XCTestCase {
    func testParameterCountsMatchHandCounts() throws {
        var rng = SeededGenerator(seed: 0)
        // 784·512 + 512 + 512·10 + 10
        XCTAssertEqual(try Model(architecture: .mlp(hidden: [512]), inputShape: [784], classes: 10, rng: &rng).parameterCount, 407_050)
        // conv 1→32 (3×3): 320; conv 32→64: 18 496; dense 64·7·7→128: 401 536; dense 128→10: 1 290.
        let cnn = try Model(architecture: .smallCNN(), inputShape: [1, 28, 28], classes: 10, rng: &rng)
        XCTAssertEqual(cnn.parameterCount, 421_642)
        XCTAssertEqual(cnn.layerDescriptions.count, 7)
        // MLP with BatchNorm and Dropout: Dense, BN, act, Dropout, Dense.
        let mlp = try Model(architecture: .mlp(hidden: [6], activation: .tanh, batchNorm: true, dropout: 0.5),
                            inputShape: [4], classes: 3, rng: &rng)
        XCTAssertEqual(mlp.parameterCount, 4 * 6 + 6 + 12 + 6 * 3 + 3)
        XCTAssertEqual(mlp.layerDescriptions, ["Dense(4→6)", "BatchNorm(6)", "tanh", "Dropout(0.5)", "Dense(6→3)"])
    }

    func testResNetForwardShapeAndInputGradientAgainstFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(architecture: .smallResNet(width: 2, blocksPerStage: 1, batchNorm: true),
                              inputShape: [1, 8, 8], classes: 3, rng: &rng)
        let x = try Tensor(shape: [2, 1, 8, 8], scalars: (0..<128).map { _ in rng.normal() })
        let labels = [0, 2]
        XCTAssertEqual(try model.forward(x, training: false).shape, [2, 3])
        try assertInputGradientMatchesFiniteDifferences(model, x, labels, every: 9, h: 1e-2, atol: 2e-3, rtol: 1e-2)
    }

    func testArchitecturesAreCodableAndHashable() throws {
        let architectures: [ModelArchitecture] = [.mlp(hidden: [512, 512]), .smallCNN(channels: [8], dense: []),
                                                  .smallResNet(width: 4)]
        for a in architectures {
            let data = try JSONEncoder().encode(a)
            XCTAssertEqual(try JSONDecoder().decode(ModelArchitecture.self, from: data), a)
        }
        XCTAssertEqual(Set(architectures).count, 3)
        XCTAssertNotEqual(ModelArchitecture.mlp(hidden: [512]), .mlp(hidden: [512], dropout: 0.1))
    }

    func testBadArchitecturesThrow() {
        var rng = SeededGenerator(seed: 0)
        XCTAssertThrowsError(try Model(architecture: .smallCNN(), inputShape: [784], classes: 10, rng: &rng))
        XCTAssertThrowsError(try Model(architecture: .mlp(hidden: [0]), inputShape: [4], classes: 2, rng: &rng))
        XCTAssertThrowsError(try Model(architecture: .smallCNN(channels: [4, 4, 4, 4, 4]), inputShape: [1, 8, 8], classes: 2, rng: &rng))
        XCTAssertThrowsError(try Model(architecture: .mlp(hidden: [3], dropout: 1), inputShape: [4], classes: 2, rng: &rng))
    }
}

final class InceptionTests: XCTestCase {
    func testSmallInceptionHasZhangEtAlsParameterCount() throws {
        // Zhang et al. (2017), Table 1: Inception (small) on 28×28×3 CIFAR-10 crops has 1,649,402
        // parameters, exactly our count without BatchNorm (their count leaves out BatchNorm's
        // parameters); with it each of the 22 convolutions adds γ and β per channel.
        var rng = SeededGenerator(seed: 0)
        let plain = try Model(architecture: .smallInception(width: 1, batchNorm: false), inputShape: [3, 28, 28],
                              classes: 10, rng: &rng)
        let normalised = try Model(architecture: .smallInception(width: 1, batchNorm: true), inputShape: [3, 28, 28],
                                   classes: 10, rng: &rng)
        // The convolutions' output channels: 96, then (32+32), (32+48), 80, (112+48), (96+64), (80+80),
        // (48+96), 96, (176+160) twice.
        let convolutionChannels = 96 + 64 + 80 + 80 + 160 + 160 + 160 + 144 + 96 + 336 + 336
        XCTAssertEqual(normalised.parameterCount - plain.parameterCount, 2 * convolutionChannels)
        XCTAssertEqual(plain.parameterCount, 1_649_402)
        XCTAssertEqual(try normalised.forward(Tensor(shape: [1, 3, 28, 28], scalars: [Float](repeating: 0.5, count: 2352)),
                                              training: false).shape, [1, 10])
    }

    func testChannelConcatStacksBranchesAndAddsTheirGradients() throws {
        var rng = SeededGenerator(seed: 3)
        let a = try Conv2D(inputShape: [2, 5, 5], outputChannels: 3, kernelSize: 1, activation: .relu)
        let b = try Conv2D(inputShape: [2, 5, 5], outputChannels: 2, kernelSize: 3, padding: 1)
        let concat = try ChannelConcat(branches: [[a], [b, try BatchNorm(shape: [2, 5, 5]), ActivationLayer(.tanh, shape: [2, 5, 5])]])
        XCTAssertEqual(concat.outputShape, [5, 5, 5])
        // Forward: the first 3 channels are branch a's output, computed on its own.
        let model = try Model(layers: [concat], inputShape: [2, 5, 5], rng: &rng)
        let x = try Tensor(shape: [2, 2, 5, 5], scalars: (0..<100).map { _ in rng.normal() })
        let y = try model.forward(x, training: false)
        let alone = try Model(layers: [try Conv2D(inputShape: [2, 5, 5], outputChannels: 3, kernelSize: 1, activation: .relu)],
                              inputShape: [2, 5, 5], rng: &rng)
        try alone.setFlatParameters(Array(model.flatParameters()[0..<a.parameterCount]))
        let ya = try alone.forward(x, training: false)
        for n in 0..<2 { XCTAssertEqual(Array(y.scalars[(n * 125)..<(n * 125 + 75)]), Array(ya.scalars[(n * 75)..<(n * 75 + 75)])) }
        // Backward against central differences (input gradient = sum over both branches).
        var check = GradientCheck(); check.h = 1e-3; check.atol = 2e-3
        check.check(layer: try ChannelConcat(branches: [
            [try Conv2D(inputShape: [2, 5, 5], outputChannels: 2, kernelSize: 1, stride: 2, activation: .tanh)],
            [try Conv2D(inputShape: [2, 5, 5], outputChannels: 2, kernelSize: 3, stride: 2, padding: 1)],
            [try AveragePool2D(inputShape: [2, 5, 5], kernelHeight: 3, kernelWidth: 3, stride: 1, flatten: false)],
        ]), batch: 2)
        XCTAssertThrowsError(try ChannelConcat(branches: [[a], [try MaxPool2D(inputShape: [2, 5, 5], kernelSize: 2)]]))
    }

    func testSmallInceptionInputGradientAgainstFiniteDifferences() throws {
        var rng = SeededGenerator(seed: 5)
        let model = try Model(architecture: .smallInception(width: 0.05, batchNorm: true), inputShape: [1, 15, 15],
                              classes: 3, rng: &rng)
        let x = try Tensor(shape: [2, 1, 15, 15], scalars: (0..<450).map { _ in rng.normal() })
        let labels = [1, 2]
        try assertInputGradientMatchesFiniteDifferences(model, x, labels, every: 17, h: 1e-3, atol: 1e-3, rtol: 2e-2)
    }
}

/// Evaluation mode: the per-example loss gradient with respect to every `every`-th input value
/// against central differences with step `h` (|analytic − numeric| ≤ atol + rtol·|numeric|).
func assertInputGradientMatchesFiniteDifferences(_ model: Model, _ x: Tensor, _ labels: [Int], every: Int, h: Float,
                                                 atol: Double, rtol: Double, file: StaticString = #filePath,
                                                 line: UInt = #line) throws {
    let g = try model.inputGradients(inputs: x, labels: labels)
    let perExample = x.count / labels.count
    for i in stride(from: 0, to: x.count, by: every) {
        var up = x, down = x
        up.scalars[i] += h; down.scalars[i] -= h
        let n = i / perExample
        let lu = try Loss.crossEntropy.perExampleLoss(logits: try model.forward(up, training: false), labels: labels)[n]
        let ld = try Loss.crossEntropy.perExampleLoss(logits: try model.forward(down, training: false), labels: labels)[n]
        let numeric = Double(lu - ld) / Double(2 * h)
        XCTAssertEqual(Double(g.scalars[i]), numeric, accuracy: atol + rtol * abs(numeric), file: file, line: line)
    }
}
