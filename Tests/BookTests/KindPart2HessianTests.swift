import XCTest
import TrainingCore
import Probes
@testable import Book

/// `kind: hessian-spectrum` and `kind: batch-interpolation` against closed forms and their own ends.
final class KindPart2HessianTests: XCTestCase {
    func testSpectrumHasOneEigenvaluePerParameterAndTraceOfTheHessian() throws {
        let kind = HessianSpectrumExperiment()
        let spec = try kindSpec(kind, "data: {clusters: 3, dimension: 4, train: 30, test: 10}\nhidden: [5]\nepochs: 2\nbatch: 10")
        let m = try kind.run(spec, seed: 2, context: RunContext())
        let p = (4 + 1) * 5 + (5 + 1) * 3                                    // (d+1)h + (h+1)k = 43
        XCTAssertEqual(m.scalars["parameters"], Double(p))
        let eigen = m.series["eigenvalue"]!
        XCTAssertEqual(eigen.count, p)
        XCTAssertEqual(zip(eigen, eigen.dropFirst()).allSatisfy { $0 >= $1 }, true, "descending")
        XCTAssertEqual(m.scalars["top"], eigen[0])
        XCTAssertEqual(m.series["top-eigenvalue"]!, Array(eigen.prefix(30)))
        // Independent check: the eigenvalues sum to the trace, Σᵢ eᵢᵀ H eᵢ, from Hessian-vector
        // products of the same trained network rebuilt from the same seeds.
        var dataRNG = SeededGenerator(seed: 0x5A6E_0000 &+ 2)
        let parameters = try HessianSpectrumExperiment.Parameters(specValue: spec)
        let (train, _) = try parameters.data.task.sample(train: 30, test: 10, rng: &dataRNG)
        let model = try HessianSpectrumExperiment.trainedModel(parameters, train: train, seed: 2, context: RunContext())
        let net = try SmallNetwork(model: model)
        var trace = 0.0
        for i in 0..<p {
            var e = [Double](repeating: 0, count: p); e[i] = 1
            trace += try net.hessianVectorProduct(inputs: train.float64Inputs, labels: train.labels, vector: e)[i]
        }
        XCTAssertEqual(eigen.reduce(0, +), trace, accuracy: 1e-8 + 1e-6 * abs(trace))
    }

    func testTooLargeNetworkIsRefused() {
        XCTAssertThrowsError(try kindSpec(HessianSpectrumExperiment(), "hidden: [400]\nmax-parameters: 1000"))
    }

    func testLineEndsAreTheTwoSolutions() throws {
        let kind = BatchInterpolationExperiment()
        let spec = try kindSpec(kind, "data: {train: 40, test: 20, dimension: 4, clusters: 3}\nhidden: [6]\nsmall-batch: 5\nlarge-batch: 40\nsteps: 40\npoints: 5")
        let m = try kind.run(spec, seed: 1, context: RunContext())
        XCTAssertEqual(m.series["a"]!, [-0.5, 0, 0.5, 1, 1.5])
        // a = 0 is the small-batch network, a = 1 the large-batch one (Float32 rounding of θ(a)).
        XCTAssertEqual(m.series["train-loss"]![1], m.scalars["small-train-loss"]!, accuracy: 1e-5)
        XCTAssertEqual(m.series["train-loss"]![3], m.scalars["large-train-loss"]!, accuracy: 1e-5)
        let inside = m.series["train-loss"]![1...3].max()!
        XCTAssertEqual(m.scalars["barrier"]!, max(inside - max(m.scalars["small-train-loss"]!, m.scalars["large-train-loss"]!), 0), accuracy: 1e-12)
    }
}
