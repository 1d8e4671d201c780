import XCTest
@testable import Book

/// `kind: regularization`: parameter counts against hand counts; an MLP fits 100 images to the target.
final class KindRegularizationTests: XCTestCase {
    override func setUpWithError() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz") else {
            throw XCTSkip("Fashion-MNIST is not installed")
        }
    }

    func testMLPReachesTargetWithHandCountedParameters() throws {
        let kind = RegularizationExperiment()
        let m = try kind.run(try kindSpec(kind, "data: {train: 100, test: 100}\nbatch: 20\nepochs: 60\ntarget: 0.99"), seed: 1, context: RunContext())
        XCTAssertEqual(m.scalars["parameters"], Double(784 * 512 + 512 + 512 * 10 + 10))   // 407,050
        XCTAssertEqual(m.scalars["reached-target"], 1)
        XCTAssertGreaterThanOrEqual(m.scalars["final-train-accuracy"]!, 0.99)
        XCTAssertEqual(m.series["epoch"]!.count, Int(m.scalars["epochs-run"]!))
    }

    func testSmallCNNWithCropAndDecayRuns() throws {
        let kind = RegularizationExperiment()
        let spec = try kindSpec(kind, "data: {train: 64, test: 32}\nmodel: small-cnn\ncnn-channels: [4, 8]\nrandom-crop: true\nweight-decay: 0.0005\nbatch: 16\nepochs: 1")
        let m = try kind.run(spec, seed: 1, context: RunContext())
        // conv 1→4 (3×3): 40; conv 4→8: 296; dense 7·7·8 → 128: 50,304; dense 128 → 10: 1,290.
        XCTAssertEqual(m.scalars["parameters"], 40 + 296 + 50_304 + 1_290)
        XCTAssertEqual(m.scalars["epochs-run"], 1)
        XCTAssertTrue(m.scalars["final-test-accuracy"]!.isFinite)
    }
}
