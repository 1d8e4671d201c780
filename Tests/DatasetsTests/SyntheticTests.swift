import XCTest
@testable import Datasets

final class SyntheticTests: XCTestCase {
    func testGaussianMixtureClustersSitAtTheirCentres() throws {
        var rng = SeededGenerator(seed: 3)
        let mixture = GaussianMixture(clusters: 4, dimension: 5, classes: 2, separation: 3, noise: 0.1)
        let (data, centres) = try mixture.sample(count: 400, rng: &rng)
        XCTAssertEqual(data.inputs.shape, [400, 5])
        XCTAssertEqual(data.classes, 2)
        for c in 0..<4 {
            let rows = stride(from: c, to: 400, by: 4)
            XCTAssertTrue(rows.allSatisfy { data.labels[$0] == c % 2 })
            for d in 0..<5 {
                let mean = rows.map { data.inputs.scalars[$0 * 5 + d] }.reduce(0, +) / 100
                // Standard error 0.1/√100 = 0.01.
                XCTAssertEqual(mean, centres.scalars[c * 5 + d], accuracy: 0.05)
            }
        }
        XCTAssertThrowsError(try GaussianMixture(clusters: 2, dimension: 3, classes: 3).sample(count: 5, rng: &rng))
    }

    func testInformationBottleneckTask() {
        var rng = SeededGenerator(seed: 1)
        let task = InformationBottleneckTask.make(rng: &rng)
        XCTAssertEqual(task.inputs.shape, [4096, 12])
        XCTAssertEqual(task.classes, 2)
        // Row 0b000000000111 = 7 has bits …0111.
        XCTAssertEqual(Array(task.inputs.scalars[(7 * 12)..<(8 * 12)]), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1])
        for i in 0..<4096 {
            let w = i.nonzeroBitCount
            if w <= 4 { XCTAssertEqual(task.labels[i], 0) }
            if w >= 8 { XCTAssertEqual(task.labels[i], 1) }
        }
        // Expected ones 2047; the band's Bernoulli draws have sd ≈ √(792·3/16·2 + 924/4) ≈ 20.
        let ones = task.labels.filter { $0 == 1 }.count
        XCTAssertEqual(Double(ones), 2047, accuracy: 100)
        var again = SeededGenerator(seed: 1)
        XCTAssertEqual(InformationBottleneckTask.make(rng: &again), task)
    }
}
