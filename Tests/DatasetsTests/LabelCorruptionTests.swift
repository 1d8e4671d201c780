import XCTest
@testable import Datasets

final class LabelCorruptionTests: XCTestCase {
    func data(n: Int) -> LabeledData {
        try! LabeledData(inputs: Tensor(shape: [n, 1]), labels: (0..<n).map { $0 % 10 }, classes: 10)
    }

    func testExactFractionIsRedrawnAndOthersKept() throws {
        var rng = SeededGenerator(seed: 1)
        let clean = data(n: 1000)
        let (noisy, corrupted) = try LabelCorruption(fraction: 0.3, excludeOriginal: true).apply(to: clean, rng: &rng)
        XCTAssertEqual(corrupted.filter { $0 }.count, 300)
        for i in 0..<1000 {
            XCTAssertEqual(noisy.labels[i] != clean.labels[i], corrupted[i])
        }
    }

    func testRandomLabelsAreRoughlyUniformAndSeeded() throws {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
        let clean = data(n: 5000)
        let x = try LabelCorruption(fraction: 1).apply(to: clean, rng: &a).data
        let y = try LabelCorruption(fraction: 1).apply(to: clean, rng: &b).data
        XCTAssertEqual(x.labels, y.labels)
        // Agreement with the true label ≈ 1/10 (binomial sd ≈ 0.0042).
        let agree = Double(zip(x.labels, clean.labels).filter { $0 == $1 }.count) / 5000
        XCTAssertEqual(agree, 0.1, accuracy: 0.02)
    }

    func testFractionOutsideUnitIntervalIsAnError() {
        var rng = SeededGenerator(seed: 1)
        XCTAssertThrowsError(try LabelCorruption(fraction: 1.5).apply(to: data(n: 3), rng: &rng))
    }
}
