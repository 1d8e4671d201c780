import XCTest
import Datasets
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

    /// `draw: random` gives each seed its own training subset of the whole split; `first` does not.
    func testRandomDrawDiffersBySeedAndRepeatsPerSeed() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
        let kind = KernelFitExperiment()
        let context = RunContext()
        let drawn = try kindSpec(kind, "data: {train: 120, test: 200}\ndraw: random")
        let first = try kindSpec(kind, "data: {train: 120, test: 200}")
        let a1 = try kind.run(drawn, seed: 1, context: context), a1again = try kind.run(drawn, seed: 1, context: context)
        let a2 = try kind.run(drawn, seed: 2, context: context)
        let f1 = try kind.run(first, seed: 1, context: context), f2 = try kind.run(first, seed: 2, context: context)
        XCTAssertEqual(a1.scalars["test-accuracy"], a1again.scalars["test-accuracy"])
        XCTAssertEqual(a1.scalars["bandwidth"], a1again.scalars["bandwidth"])
        // The median distance is a property of the images: equal for the same images, not for others.
        XCTAssertEqual(f1.scalars["bandwidth"], f2.scalars["bandwidth"])
        XCTAssertNotEqual(a1.scalars["bandwidth"], a2.scalars["bandwidth"])
        XCTAssertNotEqual(a1.scalars["bandwidth"], f1.scalars["bandwidth"])
        XCTAssertEqual(a2.scalars["train-accuracy"], 1)

        let section = ImageDataSection(train: 120, test: 0)
        let (train, _, _) = try section.loadDrawn(corruption: DataCorruption(labels: 0), seed: 3)
        let (whole, _) = try section.wholeSplitSource.loadCached()
        XCTAssertEqual(train.count, 120)
        XCTAssertEqual(whole.count, 60000)
        // Every drawn image is an image of the split with its own label, and they do not all come from the start.
        var rowsOfWhole: [ArraySlice<Float>: Int] = [:]
        let d = whole.sampleSize
        for i in 0..<whole.count { rowsOfWhole[whole.inputs.scalars[(i * d)..<((i + 1) * d)]] = whole.labels[i] }
        var beyondFirst = 0
        for i in 0..<train.count {
            let row = train.inputs.scalars[(i * d)..<((i + 1) * d)]
            XCTAssertEqual(rowsOfWhole[row], train.labels[i])
            if !(0..<120).contains(where: { whole.inputs.scalars[($0 * d)..<(($0 + 1) * d)] == row }) { beyondFirst += 1 }
        }
        XCTAssertGreaterThan(beyondFirst, 100)   // 120 of 60,000 drawn: about 0.24 expected among the first 120
    }
}
