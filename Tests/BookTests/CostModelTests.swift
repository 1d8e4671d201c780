import XCTest
@testable import Book

/// The workload read from specs (hand-computed multiply-adds) and the estimate's sources.
final class CostModelTests: XCTestCase {
    func testMLPWorkload() {
        let spec = SpecValue.record([
            "data": .record(["set": .text("fashion-mnist"), "train": .integer(1000), "crop": .integer(0)]),
            "epochs": .integer(5),
            "model": .record(["mlp": .record(["hidden": .list([.integer(512)])])]),
        ])
        let w = SpecWorkload(spec: spec)
        XCTAssertEqual(w.multiplyAdds, 784 * 512 + 512 * 10)
        XCTAssertEqual(w.units, 3 * 1000 * 5 * (784 * 512 + 512 * 10))
    }

    func testCNNWorkload() {
        let spec = SpecValue.record([
            "data": .record(["set": .text("cifar10"), "train": .integer(50000)]),
            "epochs": .integer(2),
            "model": .record(["cnn": .record(["channels": .list([.integer(32), .integer(64)]), "kernel": .integer(3),
                                              "dense": .list([.integer(128)])])]),
        ])
        // conv 1: 32×32 pixels × 3 → 32 channels × 3×3; conv 2: 16×16 × 32 → 64 × 3×3; then 8×8×64 → 128 → 10.
        let conv = 1024.0 * 3 * 32 * 9 + 256 * 32 * 64 * 9
        XCTAssertEqual(SpecWorkload(spec: spec).multiplyAdds, conv + 4096 * 128 + 128 * 10)
    }

    func testStepsAndMixtureData() {
        let spec = SpecValue.record([
            "data": .record(["dimension": .integer(10), "classes": .integer(4), "train": .integer(500)]),
            "hidden": .list([.integer(32)]), "steps": .integer(3000), "batch": .integer(10),
        ])
        let w = SpecWorkload(spec: spec)
        XCTAssertEqual(w.multiplyAdds, 10 * 32 + 32 * 4)
        XCTAssertEqual(w.passes, 3000 * 10 / 500)
    }

    func testEstimateSources() {
        let w = SpecWorkload(examples: 10, passes: 1, multiplyAdds: 100)    // 3,000 units
        let model = CostModel(history: [
            .init(experiment: "a", kind: "train", units: 6000, wallSeconds: 4),
            .init(experiment: "b", kind: "train", units: 1000, wallSeconds: 5),
        ])
        let own = model.estimate(experiment: "a", kind: "train", workload: w)
        XCTAssertEqual(own.source, .experiment)
        XCTAssertEqual(own.seconds, 2, accuracy: 1e-12)               // 3000 × 4/6000
        let kind = model.estimate(experiment: "c", kind: "train", workload: w)
        XCTAssertEqual(kind.source, .kind)
        XCTAssertEqual(kind.seconds, 3000 * 9.0 / 7000, accuracy: 1e-12)
        let fallback = model.estimate(experiment: "c", kind: "pruning", workload: w)
        XCTAssertEqual(fallback.source, .model)
        XCTAssertEqual(fallback.seconds, 3000 * CostModel.kindFactors["pruning"]!, accuracy: 1e-18)
    }

    func testSpecFromProvenanceJSON() {
        let spec = SpecValue(jsonText: #"{"a":{"b":[1,2.5]},"c":"x","d":3.0}"#)
        XCTAssertEqual(spec, .record(["a": .record(["b": .list([.integer(1), .number(2.5)])]), "c": .text("x"), "d": .number(3)]))
        XCTAssertNil(SpecValue(jsonText: "{"))
    }
}
