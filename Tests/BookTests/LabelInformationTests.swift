import XCTest
import TrainingCore
import Datasets
@testable import Book

/// `kind: label-information`: its pieces against hand-computed cases and closed forms, its data
/// option on real Fashion-MNIST images, and its validation errors with file, line and column.
final class LabelInformationTests: XCTestCase {
    /// `sᵢ = (1/n) Σⱼ gᵢⱼ² / (Fⱼ + δ)` for g₁ = (1, 0), g₂ = (1, 2): F = (1, 2), δ = 10⁻³·1.5 + 10⁻¹²,
    /// computed in chunks of one example (tolerance 1e-12).
    func testInformativenessByHand() throws {
        let g: [[Float]] = [[1, 0], [1, 2]]
        let scores = try LabelInformationExperiment.informativeness(count: 2, chunk: 1) { range in Array(g[range]) }
        let delta = 1e-3 * 1.5 + 1e-12
        XCTAssertEqual(scores[0], (1 / (1 + delta)) / 2, accuracy: 1e-12)
        XCTAssertEqual(scores[1], (1 / (1 + delta) + 4 / (2 + delta)) / 2, accuracy: 1e-12)
    }

    /// The ranking, precision curve, shares and enrichment of four hand-made scores.
    func testRankingByHand() {
        let r = InformativenessRanking(scores: [0.1, 0.9, 0.5, 0.3], mislabelled: [false, true, false, true], topShare: 0.25)
        XCTAssertEqual(r.order, [1, 2, 3, 0])
        XCTAssertEqual(r.precision[0], 1, accuracy: 1e-15)
        XCTAssertEqual(r.precision[1], 0.5, accuracy: 1e-15)
        XCTAssertEqual(r.precision[2], 2.0 / 3, accuracy: 1e-15)
        XCTAssertEqual(r.precision[3], 0.5, accuracy: 1e-15)
        XCTAssertEqual(r.shareTop, 1)          // top 25% of 4 = the single best example, mislabelled
        XCTAssertEqual(r.shareAll, 0.5)
        XCTAssertEqual(r.enrichment, 2)
        XCTAssertTrue(InformativenessRanking(scores: [1, 2], mislabelled: [false, false], topShare: 0.5).enrichment.isNaN)
    }

    /// Points (±3, ±1), (±1, ∓1) have mean 0 and covariance [[5, 1], [1, 1]], eigenvalues 3 ± √5 and
    /// top eigenvector ∝ (1, √5 − 2); the whitened projections have unit variance (tolerance 1e-5).
    func testPrincipalComponentsClosedForm() throws {
        let x = try Tensor(shape: [4, 2], scalars: [3, 1, -3, -1, 1, -1, -1, 1])
        let pca = try PrincipalProjection(inputs: x, components: 2)
        XCTAssertEqual(pca.variances[0], 3 + 5.0.squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(pca.variances[1], 3 - 5.0.squareRoot(), accuracy: 1e-9)
        let u = try pca.project(x).scalars                       // (4, 2)
        let v1 = (1.0, 5.0.squareRoot() - 2), norm = (1 + v1.1 * v1.1).squareRoot()
        for i in 0..<4 {
            let expected = (Double(x.scalars[2 * i]) * v1.0 + Double(x.scalars[2 * i + 1]) * v1.1) / norm / (3 + 5.0.squareRoot()).squareRoot()
            XCTAssertEqual(abs(Double(u[2 * i])), abs(expected), accuracy: 1e-5)
        }
        for c in 0..<2 {
            let variance = (0..<4).map { Double(u[2 * $0 + c]) * Double(u[2 * $0 + c]) }.reduce(0, +) / 4
            XCTAssertEqual(variance, 1, accuracy: 1e-5)
        }
        XCTAssertThrowsError(try PrincipalProjection(inputs: x, components: 3))
    }

    /// The data option on the Debian Fashion-MNIST files: with `other-class` noise every redrawn label
    /// is wrong, so exactly half of 200 labels are mislabelled at noise 0.5; the recorded images are
    /// the training images at the recorded ranks; Q has (k + 1)·10 parameters.
    func testFashionMNISTSubsetWithOtherClassNoise() throws {
        let directory = "/usr/share/datasets/fashion-mnist"
        guard FileManager.default.fileExists(atPath: directory + "/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("the Debian dataset-fashion-mnist package is not installed")
        }
        let kind = LabelInformationExperiment()
        let base = "data: {train: 200, test: 100}\nhidden: [16]\nbatch: 50\nepochs: 2\nprobe-epoch: 1\nshown: 4\nnoise: 0.5\nnoise-mode: other-class\npredictor-components: 8"
        let standard = try kind.run(try kindSpec(kind, base), seed: 3, context: RunContext())
        XCTAssertEqual(standard.scalars["clean-share"], 0.5)
        XCTAssertEqual(standard.scalars["mislabelled-share-all"], 0.5)
        XCTAssertEqual(standard.series["mislabelled-precision"]!.last!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(standard.series["mislabelled-precision"]![19], standard.scalars["mislabelled-share-top"]!, accuracy: 1e-12)  // 10% of 200
        XCTAssertEqual(standard.series["most-informative"]!.count, 4 * 784)
        XCTAssertEqual(standard.scalars["sample-height"], 28)
        let flags = standard.series["most-informative-mislabelled"]!, truth = standard.series["most-informative-true-label"]!
        XCTAssertEqual(flags, Array(standard.series["mislabelled"]!.prefix(4)))
        for k in 0..<4 { XCTAssertEqual(truth[k].isNaN, flags[k] == 0) }
        let scores = standard.series["informativeness"]!
        XCTAssertTrue(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
        XCTAssertEqual(standard.scalars["parameters"], Double(784 * 16 + 16 + 16 * 10 + 10))

        let limit = try kind.run(try kindSpec(kind, base + "\nmethod: limit"), seed: 3, context: RunContext())
        XCTAssertEqual(limit.scalars["predictor-parameters"], Double((8 + 1) * 10))
        XCTAssertEqual(limit.scalars["clean-share"], 0.5)
        XCTAssertNil(limit.series["informativeness"])       // scores come from standard runs only
        XCTAssertEqual(limit.series["train-accuracy"]!.count, 2)
    }

    /// Validation errors name the chapter file, line and column, and what is valid.
    func testValidationErrors() {
        func errors(_ experiment: String) -> [String] {
            let book = TestBook()
            book.write("02-x.md", "# T\n\n```experiment\nid: a\nkind: label-information\n\(experiment)\n```\n")
            return book.check().1.errors
        }
        let set = errors("data: {set: fashion-mnst}")
        XCTAssertTrue(set.contains { $0.hasSuffix("Chapters/02-x.md:6:13: key 'data.set': unknown value 'fashion-mnst' (valid: fashion-mnist, mnist, kmnist; did you mean 'fashion-mnist'?)") },
                      set.joined(separator: "\n"))
        let components = errors("predictor-components: 1000")
        XCTAssertTrue(components.contains { $0.hasSuffix("Chapters/02-x.md:6:23: key 'predictor-components': 1000 is out of range (valid: 1...784)") },
                      components.joined(separator: "\n"))
        let few = errors("data: {train: 20}\nbatch: 10\npredictor-components: 32")
        XCTAssertTrue(few.contains { $0.hasSuffix("Chapters/02-x.md:8:23: key 'predictor-components': 32 components need more than 32 training examples (data.train is 20; valid: 1...19)") },
                      few.joined(separator: "\n"))
        let batch = errors("data: {train: 100}\nbatch: 500")
        XCTAssertTrue(batch.contains { $0.contains("Chapters/02-x.md:7:") && $0.contains("batch") }, batch.joined(separator: "\n"))
    }
}
