import Foundation
import XCTest
@testable import Datasets

/// Data sources: what they load, which files and settings their digest covers, and the per-process cache.
final class DataSourceTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "source-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    /// `count` 28×28 images per split whose pixels all equal the image's index, labels `index mod 10`.
    private func writeIDX(count: Int, labelShift: Int = 0) throws {
        func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        for split in ["train", "t10k"] {
            let pixels = (0..<count).flatMap { [UInt8](repeating: UInt8($0), count: 784) }
            try Data([0, 0, 8, 3] + be(count) + be(28) + be(28) + pixels).write(to: URL(fileURLWithPath: directory + "/\(split)-images-idx3-ubyte"))
            try Data([0, 0, 8, 1] + be(count) + (0..<count).map { UInt8(($0 + labelShift) % 10) })
                .write(to: URL(fileURLWithPath: directory + "/\(split)-labels-idx1-ubyte"))
        }
    }

    func testImageSourceReadsTheFirstImagesAndNamesItsFiles() throws {
        try writeIDX(count: 6)
        let source = ImageSource(set: .mnist, directory: directory, train: 4, test: 2)
        let (train, test) = try source.load()
        XCTAssertEqual(train.count, 4)
        XCTAssertEqual(train.labels, [0, 1, 2, 3])
        XCTAssertEqual(train.inputs.scalars[3 * 784], 3 / 255, accuracy: 1e-7, "image 3 has pixels 3/255")
        XCTAssertEqual(test?.count, 2)
        XCTAssertEqual(source.files.map { ($0 as NSString).lastPathComponent },
                       ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"])
        var noTest = source
        noTest.test = 0
        XCTAssertEqual(noTest.files.count, 2, "test files are read, and digested, only when test images are")
        XCTAssertNil(try noTest.load().test)
        XCTAssertFalse(source.recipe.contains(directory), "the folder is not part of what the data are")
        XCTAssertThrowsError(try ImageSource(set: .mnist, directory: directory, train: 7, test: 0).load())
    }

    func testTheCacheRereadsAFileRewrittenInPlace() throws {
        try writeIDX(count: 4)
        let source = ImageSource(set: .mnist, directory: directory, train: 4, test: 0)
        XCTAssertEqual(try source.loadCached().train.labels, [0, 1, 2, 3])
        Thread.sleep(forTimeInterval: 0.01)
        try writeIDX(count: 4, labelShift: 1)
        XCTAssertEqual(try source.loadCached().train.labels, [1, 2, 3, 4])
    }

    func testMixtureSourceSplitsOneDrawFromItsOwnSeed() throws {
        let mixture = GaussianMixture(clusters: 4, dimension: 3, classes: 2)
        let (train, test) = try MixtureSource(mixture: mixture, train: 10, test: 6, seed: 5).load()
        var rng = SeededGenerator(seed: 5)
        let all = try mixture.sample(count: 16, rng: &rng).data
        XCTAssertEqual(train.inputs.scalars, Array(all.inputs.scalars.prefix(30)))
        XCTAssertEqual(test?.labels, Array(all.labels.suffix(6)))
        XCTAssertNotEqual(MixtureSource(mixture: mixture, train: 10, test: 6, seed: 5).recipe,
                          MixtureSource(mixture: mixture, train: 10, test: 6, seed: 6).recipe)
    }

    func testCorruptionRedrawsLabelsThenPermutesBothSplitsAlike() throws {
        let x = try Tensor(shape: [4, 1, 2, 2], scalars: (0..<16).map(Float.init))
        let data = try LabeledData(inputs: x, labels: [0, 1, 2, 3], classes: 4)
        var rng = SeededGenerator(seed: 3)
        let corruption = DataCorruption(labels: 0.5, inputs: .shuffledPixels)
        let (train, test, corrupted) = try corruption.apply(train: data, test: data, rng: &rng)
        XCTAssertEqual(corrupted.filter { $0 }.count, 2, "round(0.5 · 4) labels redrawn")
        XCTAssertEqual(train.inputs.scalars, test?.inputs.scalars, "one pixel permutation for both splits")
        XCTAssertEqual(train.inputs.scalars.sorted(), data.inputs.scalars, "a permutation keeps every value")
        XCTAssertEqual(test?.labels, data.labels, "test labels stay clean")
        var again = SeededGenerator(seed: 3)
        let trainOnly = try DataCorruption(labels: 0.5, inputs: .shuffledPixels, corruptsTestInputs: false)
            .apply(train: data, test: data, rng: &again)
        XCTAssertEqual(trainOnly.train.inputs.scalars, train.inputs.scalars)
        XCTAssertEqual(trainOnly.test?.inputs.scalars, data.inputs.scalars)
    }

    func testLabelFlipMovesEveryChosenLabelToAnotherClass() throws {
        let data = try LabeledData(inputs: Tensor(shape: [100, 1], scalars: [Float](repeating: 0, count: 100)),
                                   labels: (0..<100).map { $0 % 5 }, classes: 5)
        var rng = SeededGenerator(seed: 9)
        let (flipped, changed) = try LabelFlip.apply(data, fraction: 0.3, rng: &rng)
        XCTAssertEqual(changed.filter { $0 }.count, 30)
        for i in 0..<100 { XCTAssertEqual(flipped.labels[i] != data.labels[i], changed[i]) }
    }

    func testRandomRegressionDrawsInputsThenTargets() {
        var a = SeededGenerator(seed: 2), b = SeededGenerator(seed: 2)
        let (x, y) = RandomRegressionTask(count: 3, dimension: 2, inputs: .uniform, targets: .labels).sample(rng: &a)
        XCTAssertEqual(x, (0..<6).map { _ in b.nextDouble() })
        XCTAssertEqual(y, (0..<3).map { _ in Double(b.nextInt(below: 10)) })
    }

    func testTwelveBitTaskLabelsByHammingWeight() {
        var rng = SeededGenerator(seed: 1)
        let task = InformationBottleneckTask.make(middle: .firstBit, rng: &rng)
        // Weight > 6: Σ_{k=7}^{12} C(12,k) = 1586; weight 6 with the first bit set: C(11,5) = 462.
        XCTAssertEqual(task.labels.reduce(0, +), 1586 + 462)
        XCTAssertEqual(task.inputs.scalars[(0b1011) * 12 + 1], 1, "row i holds the bits of i, least significant first")
    }
}
