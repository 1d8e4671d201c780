import XCTest
import TrainingCore
@testable import Probes

final class HessianOperatorTests: XCTestCase {
    /// Lanczos on the cached Hessian operator finds the top of the dense spectrum.
    func testLanczosTopEigenvaluesMatchFullHessian() throws {
        var rng = TestGenerator(seed: 4)
        let net = try SmallNetwork(widths: [3, 6, 4], activation: .tanh, rng: &rng)
        let x = rng.uniforms(20 * 3), y = (0..<20).map { $0 % 4 }
        let full = try net.hessianSpectrum(inputs: x, labels: y).eigenvalues.reversed() as [Double]
        let top = try net.topHessianEigenvalues(inputs: x, labels: y, count: 3, iterations: net.parameterCount, rng: &rng)
        for k in 0..<3 { XCTAssertEqual(top[k], full[k], accuracy: 1e-10) }
    }

    /// Central differences of the Float32 core gradient against the exact Float64 product.
    func testFiniteDifferenceProductOnCoreModel() throws {
        let model = try ModelProbeFixtures.mlp([4, 8, 3], activation: .tanh, seed: 21)
        let data = try ModelProbeFixtures.data(n: 30, d: 4, classes: 3, seed: 22)
        let exact = try SmallNetwork(model: model)
        var rng = TestGenerator(seed: 23)
        let operatorFD = try FiniteDifferenceHessian(model: model, data: data, batchSize: 7)
        let before = model.flatParameters()
        for _ in 0..<3 {
            let v = rng.uniforms(model.parameterCount)
            let reference = try exact.hessianVectorProduct(inputs: data.float64Inputs, labels: data.labels, vector: v)
            let approximate = try operatorFD.product(v)
            let error = norm2(zip(reference, approximate).map { $0 - $1 })
            XCTAssertLessThan(error, 1e-3 * norm2(reference))   // measured ≈ 2e-5
        }
        XCTAssertEqual(model.flatParameters(), before)
        // Lanczos over the finite-difference operator finds the exact top eigenvalues.
        var r1 = TestGenerator(seed: 1), r2 = TestGenerator(seed: 1)
        let exactTop = try exact.topHessianEigenvalues(inputs: data.float64Inputs, labels: data.labels, count: 2,
                                                       iterations: 25, rng: &r1)
        let approximateTop = try operatorFD.topEigenvalues(count: 2, iterations: 25, rng: &r2)
        for k in 0..<2 { XCTAssertEqual(approximateTop[k], exactTop[k], accuracy: 1e-3 * exactTop[0]) }
    }
}

final class InformationPlaneTests: XCTestCase {
    /// tanh(x), tanh(−x) with 2 bins on [−1, 1]: the layer keeps only the sign of x.
    func testLayerKeepsTheSignOfTheInput() throws {
        var rng = SeededGenerator(seed: 1)
        let model = try Model(layers: [Dense(inputSize: 1, outputSize: 2, activation: .tanh),
                                       Dense(inputSize: 2, outputSize: 2)], inputShape: [1], rng: &rng)
        try model.setFlatParameters([1, -1, 0, 0, 1, 0, 0, 1, 0, 0])
        let x = try Tensor(shape: [4, 1], scalars: [-2, -0.1, 0.1, 2])
        let bySign = try LabeledData(inputs: x, labels: [0, 0, 1, 1], classes: 2)
        let points = try InformationPlane.measure(model: model, data: bySign, layers: [0],
                                                  binning: .fixed(try .tanh(bins: 2)))
        XCTAssertEqual(points[0].inputInformation, 1, accuracy: 1e-15)
        XCTAssertEqual(points[0].labelInformation, 1, accuracy: 1e-15)
        let byMagnitude = try LabeledData(inputs: x, labels: [0, 1, 1, 0], classes: 2)
        let other = try InformationPlane.measure(model: model, data: byMagnitude, binning: .perLayerRange(bins: 30))
        XCTAssertEqual(other.count, 2)
        XCTAssertEqual(other[0].labelInformation, 1, accuracy: 1e-15)   // 30 bins resolve all four inputs
        XCTAssertEqual(other[0].inputInformation, 2, accuracy: 1e-15)
        // The output layer (W₂ = I) has logits (tanh x, −tanh x); as probabilities, e.g. ≈ (0.87, 0.13)
        // for x = 2, both fall in the upper of 2 bins on [−1, 1], so the binned softmax carries
        // nothing, while the binned logits keep the sign of x.
        let asProbabilities = try InformationPlane.measure(model: model, data: bySign, layers: [1],
                                                           binning: .fixed(try .tanh(bins: 2)))
        XCTAssertEqual(asProbabilities[0].inputInformation, 0, accuracy: 1e-15)
        let asLogits = try InformationPlane.measure(model: model, data: bySign, layers: [1],
                                                    binning: .fixed(try .tanh(bins: 2)), softmaxOutput: false)
        XCTAssertEqual(asLogits[0].inputInformation, 1, accuracy: 1e-15)
        XCTAssertThrowsError(try InformationPlane.measure(model: model, data: bySign, layers: [2], binning: .perLayerRange(bins: 3)))
    }
}
