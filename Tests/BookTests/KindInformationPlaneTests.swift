import XCTest
@testable import Book

/// `kind: information-plane`: the task, and the information-theoretic bounds of every estimate.
final class KindInformationPlaneTests: XCTestCase {
    func testTaskIsBalancedAndDeterministic() throws {
        let task = InformationPlaneExperiment.task(middle: .firstBit, seed: 1)
        XCTAssertEqual(task.count, 4096)
        // Weight > 6: Σ_{k=7}^{12} C(12,k) = 1586; weight 6 with the first bit set: C(11,5) = 462.
        XCTAssertEqual(task.labels.reduce(0, +), 1586 + 462)
        XCTAssertEqual(InformationPlaneExperiment.task(middle: .random, seed: 4).labels,
                       InformationPlaneExperiment.task(middle: .random, seed: 4).labels)
        // The library's noisy band: weights ≤ 4 are 0 and ≥ 8 are 1, whatever the seed.
        let noisy = InformationPlaneExperiment.task(middle: .noisyBand, seed: 2)
        XCTAssertEqual(noisy.count, 4096)
        for code in 0..<4096 {
            let bits = (0..<12).filter { noisy.inputs.scalars[code * 12 + $0] == 1 }.count
            if bits <= 4 { XCTAssertEqual(noisy.labels[code], 0) }
            if bits >= 8 { XCTAssertEqual(noisy.labels[code], 1) }
        }
    }

    func testInformationIsWithinBounds() throws {
        let kind = InformationPlaneExperiment()
        let context = RunContext()
        for activation in ["tanh", "relu"] {
            let spec = try kindSpec(kind, "activation: \(activation)\nepochs: 30\nmeasure-points: 5\nlayer: 2\nlr: 0.01")
            let m = try kind.run(spec, seed: 1, context: context)
            let h = m.scalars["label-entropy"]!
            XCTAssertEqual(h, 1, accuracy: 0.01)       // P(y = 1) = 2048/4096 exactly
            for (ixt, ity) in zip(m.series["ixt"]!, m.series["ity"]!) {
                XCTAssertGreaterThanOrEqual(ixt, 0); XCTAssertLessThanOrEqual(ixt, 12 + 1e-9)   // ≤ H(X)
                XCTAssertGreaterThanOrEqual(ity, 0); XCTAssertLessThanOrEqual(ity, h + 1e-9)    // ≤ H(Y)
                XCTAssertLessThanOrEqual(ity, ixt + 1e-9)                                        // DPI: I(T;Y) ≤ I(X;T)
            }
            // H(T) of 4096 equally likely inputs is at most 12 bits whatever the bin count.
            for b in [10, 100] { for v in m.series["ixt-bins-\(b)"]! { XCTAssertLessThanOrEqual(v, 12 + 1e-9) } }
            XCTAssertEqual(m.series["epoch"]!.first, 0)
            XCTAssertEqual(m.series["epoch"]!.last, 30)
        }
    }

    func testLayerRunsShareOneTraining() throws {
        let kind = InformationPlaneExperiment()
        let context = RunContext()
        let a = try kind.run(try kindSpec(kind, "epochs: 10\nmeasure-points: 3\nlayer: 1"), seed: 2, context: context)
        let b = try kind.run(try kindSpec(kind, "epochs: 10\nmeasure-points: 3\nlayer: 3"), seed: 2, context: context)
        XCTAssertEqual(a.series["train-loss"], b.series["train-loss"])
        XCTAssertEqual(a.scalars["layers-compressing"], b.scalars["layers-compressing"])
        XCTAssertNotEqual(a.series["ixt"], b.series["ixt"])
    }

    func testCompressionNeedsARiseFirst() {
        XCTAssertEqual(InformationPlaneExperiment.compression([3, 5, 4]), 1)
        XCTAssertEqual(InformationPlaneExperiment.compression([5, 4, 3]), 0)
        XCTAssertEqual(InformationPlaneExperiment.compression([1, 2, 3]), 0)
        XCTAssertEqual(InformationPlaneExperiment.compression([5, 3, 4, 1]), 3)     // rose 3 → 4, then fell to 1
        XCTAssertEqual(InformationPlaneExperiment.compression([5, 3, 4, 1, 2]), 3)
    }
}
