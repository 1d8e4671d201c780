import XCTest
@testable import Book

/// `kind: first-epoch` and `kind: memorization` on tiny Fashion-MNIST subsets.
final class KindMemorizationTests: XCTestCase {
    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
    }

    func testFirstEpochHistogramAndDispersion() throws {
        let kind = FirstEpochExperiment()
        let m = try kind.run(try kindSpec(kind, "data: {train: 120}\nhidden: [32]\nrestarts: 6\nbatch: 16"), seed: 1, context: RunContext())
        let k = m.series["misclassified-runs"]!, observed = m.series["observed-fraction"]!, binomial = m.series["binomial-fraction"]!
        XCTAssertEqual(k, (0...6).map(Double.init))
        XCTAssertEqual(observed.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(binomial.reduce(0, +), 1, accuracy: 1e-9)
        // Independent check of the dispersion ratio from the histogram: Var(counts) / (K p (1 − p)).
        let mean = zip(k, observed).map { $0 * $1 }.reduce(0, +)
        let variance = zip(k, observed).map { ($0 - mean) * ($0 - mean) * $1 }.reduce(0, +)
        let p = mean / 6
        XCTAssertEqual(m.scalars["mean-error-rate"]!, p, accuracy: 1e-12)
        XCTAssertEqual(m.scalars["dispersion-ratio"]!, variance / (6 * p * (1 - p)), accuracy: 1e-9)
    }

    func testSensitivityAndCriticalSamples() throws {
        let kind = MemorizationExperiment()
        let spec = try kindSpec(kind, "data: {train: 60}\ncorruption: {labels: 0.5}\nhidden: [16]\nepochs: 3\nbatch: 20\nradii: [0, 0.3]\ncsr-radius: 0")
        let m = try kind.run(spec, seed: 2, context: RunContext())
        XCTAssertEqual(m.series["csr-by-radius"]![0], 0)     // a zero-radius ball holds only x itself
        XCTAssertEqual(m.scalars["csr"], 0)
        let gini = m.scalars["gini"]!
        XCTAssertGreaterThanOrEqual(gini, 0); XCTAssertLessThanOrEqual(gini, 1)
        XCTAssertEqual(m.series["mean-sensitivity"]!.count, 3)
        XCTAssertTrue(m.scalars["sensitivity-noisy"]!.isFinite && m.scalars["sensitivity-clean"]!.isFinite)
        // The overall mean is the count-weighted mean of the clean and noisy means.
        let clean = m.scalars["sensitivity-clean"]!, noisy = m.scalars["sensitivity-noisy"]!, all = m.scalars["mean-sensitivity"]!
        XCTAssertTrue(all >= min(clean, noisy) - 1e-12 && all <= max(clean, noisy) + 1e-12)
    }

    func testGaussianInputsKeepTheDataScale() throws {
        let spec = try kindSpec(FirstEpochExperiment(), "data: {train: 200}\ncorruption: {inputs: gaussian}")
        let real = try kindSpec(FirstEpochExperiment(), "data: {train: 200}")
        func inputs(_ spec: SpecValue) throws -> [Float] {
            let p = try FirstEpochExperiment.Parameters(specValue: spec)
            return try p.data.load(corruption: p.corruption.corruption, seed: 1).train.inputs.scalars
        }
        let x = try inputs(spec), y = try inputs(real)
        let mx = x.reduce(0, +) / Float(x.count), my = y.reduce(0, +) / Float(y.count)
        XCTAssertEqual(mx, my, accuracy: 0.01)
        XCTAssertNotEqual(x, y)
    }
}
