import XCTest
@testable import Datasets

final class PreprocessingTests: XCTestCase {
    func images(_ values: [Float], shape: [Int]) -> LabeledData {
        try! LabeledData(inputs: Tensor(shape: shape, scalars: values), labels: Array(repeating: 0, count: shape[0]), classes: 1)
    }

    func testScaleAndCentreCrop() throws {
        let data = images((0..<32).map(Float.init), shape: [2, 1, 4, 4])
        XCTAssertEqual(Preprocessing.scaled(data, by: 0.5).inputs.scalars[3], 1.5)
        let crop = try Preprocessing.centreCropped(data, height: 2, width: 2)
        XCTAssertEqual(crop.inputs.shape, [2, 1, 2, 2])
        XCTAssertEqual(crop.inputs.scalars, [5, 6, 9, 10, 21, 22, 25, 26])
        XCTAssertThrowsError(try Preprocessing.centreCropped(data, height: 5, width: 2))
    }

    func testPerImageWhiteningGivesZeroMeanUnitVariance() {
        let data = images([1, 2, 3, 4, 10, 10, 10, 10], shape: [2, 4])
        let white = Preprocessing.perImageWhitened(data)
        let first = Array(white.inputs.scalars[0..<4])
        XCTAssertEqual(first.reduce(0, +), 0, accuracy: 1e-6)
        // Values (x − 2.5)/√1.25.
        XCTAssertEqual(first[0], Float(-1.5 / 1.25.squareRoot()), accuracy: 1e-6)
        // A constant image has sd 0: divided by 1/√N instead, so it becomes all zeros.
        XCTAssertEqual(Array(white.inputs.scalars[4..<8]), [0, 0, 0, 0])
    }

    func testAugmentationCropsWithPaddingAndFlips() throws {
        // 1×2×3 image [[1,2,3],[4,5,6]].
        let data = images([1, 2, 3, 4, 5, 6], shape: [1, 1, 2, 3])
        var rng = SeededGenerator(seed: 0)
        var seenFlip = false, seenPlain = false
        for _ in 0..<20 {
            let out = try Augmentation(horizontalFlip: true).augmented(data, rng: &rng).inputs.scalars
            if out == [3, 2, 1, 6, 5, 4] { seenFlip = true } else if out == [1, 2, 3, 4, 5, 6] { seenPlain = true }
            else { XCTFail("unexpected \(out)") }
        }
        XCTAssertTrue(seenFlip && seenPlain)
        // With padding 1 every output is a shifted copy: each value is 0 or at the matching shifted place.
        var shifts = Set<[Float]>()
        for _ in 0..<60 { shifts.insert(try Augmentation(cropPadding: 1).augmented(data, rng: &rng).inputs.scalars) }
        XCTAssertEqual(shifts.count, 9)
        XCTAssertTrue(shifts.contains([0, 0, 0, 0, 1, 2]))   // shifted down-right by one
        XCTAssertThrowsError(try Augmentation(cropPadding: 1).augmented(images([1, 2], shape: [1, 2]), rng: &rng))
    }
}
