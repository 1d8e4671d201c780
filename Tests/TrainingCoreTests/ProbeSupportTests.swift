import XCTest
@testable import TrainingCore

final class ProbeSupportTests: XCTestCase {
    func testHessianVectorProductIsExactForALinearModelWithSquaredError() throws {
        // Linear model z = W x + b with MSE ℓ = (1/K) Σ_k (z_k − t_k)², mean over n examples:
        // ∂²L/∂W_{kj}∂W_{k'j'} = (2/(K n)) Σ_i x̃_{ij} x̃_{ij'} δ_{kk'}, x̃ = (x, 1) (b as the last column).
        var rng = SeededGenerator(seed: 3)
        let (n, d, k) = (5, 3, 2)
        let model = try Model(layers: [Dense(inputSize: d, outputSize: k, weightInitializer: .glorot)], inputShape: [d], rng: &rng)
        let x = try Tensor(shape: [n, d], scalars: (0..<n * d).map { _ in rng.normal() })
        let labels = [0, 1, 1, 0, 1]
        let v = (0..<model.parameterCount).map { _ in rng.normal() }
        let hv = try model.hessianVectorProduct(v, inputs: x, labels: labels, loss: .meanSquaredError)
        // Exact H·v in Float64. Layout: W (k, d) row-major, then b (k).
        func xt(_ i: Int, _ j: Int) -> Double { j == d ? 1 : Double(x.scalars[i * d + j]) }
        for kk in 0..<k {
            for j in 0...d {
                var sum = 0.0
                for j2 in 0...d {
                    let vIndex = j2 == d ? k * d + kk : kk * d + j2
                    var c = 0.0
                    for i in 0..<n { c += xt(i, j) * xt(i, j2) }
                    sum += 2 / Double(k * n) * c * Double(v[vIndex])
                }
                let index = j == d ? k * d + kk : kk * d + j
                XCTAssertEqual(Double(hv[index]), sum, accuracy: 1e-3 * max(1, abs(sum)))
            }
        }
        XCTAssertNotEqual(model.flatParameters(), [])
    }

    func testHessianVectorProductsAreSymmetricAndParametersRestored() throws {
        // uᵀ(Hv) = vᵀ(Hu) for the exact Hessian; central differences keep this to ≈ 1e-3 relative.
        var rng = SeededGenerator(seed: 4)
        let model = try Model(architecture: .mlp(hidden: [6], activation: .tanh), inputShape: [4], classes: 3, rng: &rng)
        let x = try Tensor(shape: [8, 4], scalars: (0..<32).map { _ in rng.normal() })
        let labels = (0..<8).map { $0 % 3 }
        let before = model.flatParameters()
        let u = (0..<model.parameterCount).map { _ in rng.normal() }
        let v = (0..<model.parameterCount).map { _ in rng.normal() }
        let hv = try model.hessianVectorProduct(v, inputs: x, labels: labels)
        let hu = try model.hessianVectorProduct(u, inputs: x, labels: labels)
        XCTAssertEqual(model.flatParameters(), before)
        let uhv = zip(u, hv).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        let vhu = zip(v, hu).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        XCTAssertEqual(uhv, vhu, accuracy: 1e-3 * max(1, abs(uhv)))
    }

    func testPerExampleGradientsAverageToTheBatchGradient() throws {
        var rng = SeededGenerator(seed: 5)
        let model = try Model(architecture: .smallCNN(channels: [2], dense: [5]), inputShape: [1, 6, 6], classes: 3, rng: &rng)
        let x = try Tensor(shape: [4, 1, 6, 6], scalars: (0..<144).map { _ in rng.normal() })
        let labels = [0, 1, 2, 1]
        let each = try model.perExampleGradients(inputs: x, labels: labels)
        let mean = try model.lossAndGradient(inputs: x, labels: labels).gradient
        XCTAssertEqual(each.count, 4)
        for j in 0..<model.parameterCount {
            let average = each.reduce(0) { $0 + $1[j] } / 4
            XCTAssertEqual(average, mean[j], accuracy: 1e-5 + 1e-4 * abs(mean[j]))
        }
    }

    func testMaskKeepsPrunedWeightsAtZeroThroughTraining() throws {
        var rng = SeededGenerator(seed: 6)
        let data = Fixtures.blobs(n: 40)
        let model = try Model(architecture: .mlp(hidden: [8]), inputShape: [4], classes: 3, rng: &rng)
        XCTAssertEqual(model.prunableRanges, [0..<32, 40..<64])
        var mask = [Float](repeating: 1, count: model.parameterCount)
        for i in stride(from: 0, to: 32, by: 2) { mask[i] = 0 }
        try model.setMask(mask)
        _ = try Trainer.train(model: model, train: data, test: nil, config: TrainingConfig(batchSize: 8, epochs: 3), rng: &rng)
        let w = model.flatParameters()
        for i in stride(from: 0, to: 32, by: 2) { XCTAssertEqual(w[i], 0) }
        XCTAssertTrue(stride(from: 1, to: 32, by: 2).allSatisfy { w[$0] != 0 })
        XCTAssertThrowsError(try model.setMask([1, 0]))
    }

    func testPredictInChunksEqualsOneForwardPass() throws {
        var rng = SeededGenerator(seed: 8)
        let model = try Model(architecture: .smallCNN(channels: [3], dense: [4], batchNorm: true), inputShape: [1, 4, 4],
                              classes: 2, rng: &rng)
        let x = try Tensor(shape: [7, 1, 4, 4], scalars: (0..<112).map { _ in rng.normal() })
        assertChunkedEqual(try model.predict(x, batchSize: 3), try model.forward(x, training: false), "chunks of 3 against one pass")
        XCTAssertThrowsError(try model.predict(Tensor(shape: [2, 3]), batchSize: 3))
    }

    func testActivationsOfEachLayer() throws {
        var rng = SeededGenerator(seed: 7)
        let model = try Model(architecture: .mlp(hidden: [5, 4]), inputShape: [3], classes: 2, rng: &rng)
        let x = try Tensor(shape: [6, 3], scalars: (0..<18).map { _ in rng.normal() })
        let logits = try model.forward(x, training: false)
        let hidden = try model.activations(ofLayer: 0)
        XCTAssertEqual(hidden.shape, [6, 5])
        XCTAssertTrue(hidden.scalars.allSatisfy { $0 >= 0 })   // ReLU output
        XCTAssertEqual(try model.activations(ofLayer: 2), logits)
        XCTAssertThrowsError(try model.activations(ofLayer: 3))
    }
}
