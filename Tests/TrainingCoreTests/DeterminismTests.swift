import XCTest
@testable import TrainingCore

final class DeterminismTests: XCTestCase {
    /// Trains for a few steps at the given thread count and returns the weights.
    func weights(_ architecture: ModelArchitecture, data: LabeledData, optimizer: OptimizerConfig, threads: Int) throws -> [Float] {
        let previous = BLAS.threads
        BLAS.threads = threads
        defer { BLAS.threads = previous }
        let config = TrainingConfig(batchSize: 16, epochs: 2, optimizer: optimizer, evaluateTrainSet: false,
                                    augmentation: data.sampleShape.count == 3 ? Augmentation(cropPadding: 1, horizontalFlip: true) : nil,
                                    seed: 99)
        return try Trainer.run(architecture: architecture, train: data, test: nil, config: config).model.flatParameters()
    }

    func images(n: Int) -> LabeledData {
        var rng = SeededGenerator(seed: 8)
        return try! LabeledData(inputs: Tensor(shape: [n, 1, 8, 8], scalars: (0..<n * 64).map { _ in rng.nextFloat() }),
                                labels: (0..<n).map { $0 % 3 }, classes: 3)
    }

    func testSameSeedIsBitIdenticalAtOneAndTwoThreads() throws {
        // Wide enough that OpenBLAS really splits the GEMMs across threads.
        var rng = SeededGenerator(seed: 1)
        let wide = try LabeledData(inputs: Tensor(shape: [64, 300], scalars: (0..<64 * 300).map { _ in rng.normal() }),
                                   labels: (0..<64).map { $0 % 4 }, classes: 4)
        let sgd = OptimizerConfig.sgd(.init(learningRate: 0.01, momentum: 0.9, weightDecay: 1e-4))
        let mlp = ModelArchitecture.mlp(hidden: [256, 256], dropout: 0.2)
        let a = try weights(mlp, data: wide, optimizer: sgd, threads: 1)
        XCTAssertEqual(a, try weights(mlp, data: wide, optimizer: sgd, threads: 1))
        XCTAssertEqual(a, try weights(mlp, data: wide, optimizer: sgd, threads: 2))
        let sam = OptimizerConfig.sam(.init(rho: 0.05, base: .init(learningRate: 0.01, momentum: 0.9)))
        XCTAssertEqual(try weights(mlp, data: wide, optimizer: sam, threads: 1),
                       try weights(mlp, data: wide, optimizer: sam, threads: 2))

        // Both convolution backends: im2col, and oneDNN at one OpenMP thread per group call.
        for backend in [Conv2D.Backend.im2col, .onednn] {
            let previous = Conv2D.defaultBackend
            Conv2D.defaultBackend = backend
            defer { Conv2D.defaultBackend = previous }
            let cnn = ModelArchitecture.smallCNN(channels: [4, 8], dense: [16], batchNorm: true)
            let adam = OptimizerConfig.adam(.init(learningRate: 0.001))
            let b = try weights(cnn, data: images(n: 32), optimizer: adam, threads: 1)
            XCTAssertEqual(b, try weights(cnn, data: images(n: 32), optimizer: adam, threads: 2), "\(backend)")

            // Convolutions split by groups of examples, BatchNorm by channels, pooling and concatenation
            // by examples: the small Inception, batch 16 (two groups), on 16×16 inputs.
            var r = SeededGenerator(seed: 4)
            let larger = try LabeledData(inputs: Tensor(shape: [32, 1, 16, 16], scalars: (0..<32 * 256).map { _ in r.nextFloat() }),
                                         labels: (0..<32).map { $0 % 3 }, classes: 3)
            let inception = ModelArchitecture.smallInception(width: 0.1, batchNorm: true)
            XCTAssertEqual(try weights(inception, data: larger, optimizer: adam, threads: 1),
                           try weights(inception, data: larger, optimizer: adam, threads: 2), "\(backend)")
        }
    }

    func testBenchmarkShapedStepIsBitIdenticalAtOneAndTwoThreads() throws {
        // The benchmark's shapes, batch 128, 784 inputs, 512 units: the matrix products, the
        // element-wise passes and the batch gathering are all split across the worker team at
        // 2 threads.
        var rng = SeededGenerator(seed: 5)
        let data = try LabeledData(inputs: Tensor(shape: [384, 784], scalars: (0..<384 * 784).map { _ in rng.nextFloat() }),
                                   labels: (0..<384).map { $0 % 10 }, classes: 10)
        func train(threads: Int, optimizer: OptimizerConfig) throws -> [Float] {
            let previous = BLAS.threads
            BLAS.threads = threads
            defer { BLAS.threads = previous }
            let config = TrainingConfig(batchSize: 128, epochs: 2, optimizer: optimizer, evaluateTrainSet: false, seed: 3)
            return try Trainer.run(architecture: .mlp(hidden: [512]), train: data, test: nil, config: config).model.flatParameters()
        }
        for optimizer in [OptimizerConfig.sgd(.init(learningRate: 0.05, momentum: 0.9)),
                          .sgd(.init(learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4)),
                          .adam(.init(learningRate: 0.001))] {
            let (one, two) = (try train(threads: 1, optimizer: optimizer), try train(threads: 2, optimizer: optimizer))
            XCTAssertTrue(one == two, "\(optimizer): weights differ at 1 and 2 threads")
        }
    }
}
