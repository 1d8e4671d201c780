import XCTest
@testable import Datasets

final class InputCorruptionTests: XCTestCase {
    /// Two identical images of 16 distinct pixels and one different image, 2 channels each.
    func data() -> LabeledData {
        let image = (0..<32).map(Float.init)
        let other = (0..<32).map { Float($0) + 100 }
        return try! LabeledData(inputs: Tensor(shape: [3, 2, 4, 4], scalars: image + image + other),
                                labels: [0, 1, 2], classes: 3)
    }

    func testShuffledPixelsUseOnePermutationAndMoveChannelsTogether() {
        var rng = SeededGenerator(seed: 1)
        let out = InputCorruption.shuffledPixels.apply(to: data(), rng: &rng)
        let x = out.inputs.scalars
        XCTAssertEqual(Array(x[0..<32]), Array(x[32..<64]))            // same permutation for equal images
        XCTAssertNotEqual(Array(x[0..<32]), (0..<32).map(Float.init))
        XCTAssertEqual(x[0..<16].sorted(), (0..<16).map(Float.init))   // a permutation of channel 0
        for p in 0..<16 { XCTAssertEqual(x[16 + p], x[p] + 16) }       // channel 1 moved with channel 0
        XCTAssertEqual(Array(x[64..<96]), Array(x[0..<32]).map { $0 + 100 })
        XCTAssertEqual(out.labels, [0, 1, 2])
    }

    func testRandomPixelsUseAPermutationPerImage() {
        var rng = SeededGenerator(seed: 1)
        let x = InputCorruption.randomPixels.apply(to: data(), rng: &rng).inputs.scalars
        XCTAssertNotEqual(Array(x[0..<32]), Array(x[32..<64]))
        XCTAssertEqual(x[32..<48].sorted(), (0..<16).map(Float.init))
    }

    func testGaussianInputsMatchMeanAndVariance() throws {
        var rng = SeededGenerator(seed: 2)
        let values = (0..<20_000).map { _ in rng.uniform(0, 1) }
        let source = try LabeledData(inputs: Tensor(shape: [20, 1000], scalars: values), labels: Array(repeating: 0, count: 20), classes: 1)
        let noise = InputCorruption.gaussian.apply(to: source, rng: &rng).inputs.scalars
        let mean = noise.reduce(0, +) / 20_000
        let variance = noise.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 20_000
        // Uniform(0,1): mean 0.5, variance 1/12; sampling error of the mean ≈ 0.002.
        XCTAssertEqual(mean, 0.5, accuracy: 0.01)
        XCTAssertEqual(variance, 1 / 12, accuracy: 0.003)
    }
}
