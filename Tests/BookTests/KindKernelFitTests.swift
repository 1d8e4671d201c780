import XCTest
@testable import Book

/// `kind: kernel-fit` on 150 Fashion-MNIST images: it interpolates any labels; only true labels generalize.
final class KindKernelFitTests: XCTestCase {
    func testInterpolatesTrueAndRandomLabels() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        let kind = KernelFitExperiment()
        let context = RunContext()
        let real = try kind.run(try kindSpec(kind, "data: {train: 150, test: 300}"), seed: 1, context: context)
        let random = try kind.run(try kindSpec(kind, "data: {train: 150, test: 300}\ncorruption: {labels: 1}"), seed: 1, context: context)
        for m in [real, random] {
            XCTAssertEqual(m.scalars["train-accuracy"], 1)              // an interpolant fits every label
            XCTAssertLessThan(m.scalars["max-train-residual"]!, 1e-6)
        }
        XCTAssertGreaterThan(real.scalars["test-accuracy"]!, 0.5)      // chance is 0.1
        XCTAssertLessThan(random.scalars["test-accuracy"]!, 0.25)      // 300 test points: 0.1 ± 0.02
        XCTAssertGreaterThan(random.scalars["rkhs-norm"]!, real.scalars["rkhs-norm"]!)  // noise costs norm
    }
}
