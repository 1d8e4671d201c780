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
        // Evaluation mode, per-example loss gradient w.r.t. the input, against central differences (h = 1e-2).
        let g = try model.inputGradients(inputs: x, labels: labels)
        for i in stride(from: 0, to: 128, by: 9) {
            var up = x, down = x
            up.scalars[i] += 1e-2; down.scalars[i] -= 1e-2
            let n = i / 64
            let lu = try Loss.crossEntropy.perExampleLoss(logits: try model.forward(up, training: false), labels: labels)[n]
            let ld = try Loss.crossEntropy.perExampleLoss(logits: try model.forward(down, training: false), labels: labels)[n]
            let numeric = Double(lu - ld) / 2e-2
            XCTAssertEqual(Double(g.scalars[i]), numeric, accuracy: 2e-3 + 1e-2 * abs(numeric))
        }
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
