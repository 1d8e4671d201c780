import XCTest
import TrainingCore
@testable import Book

/// `kind: fcmi-bound` and `kind: bound-limit`: the plug-in estimate against closed forms, and both
/// kinds on the Debian Fashion-MNIST files at a tiny size.
final class KindBoundsTests: XCTestCase {
    /// A bit copied: I = ln 2. Independent balanced variables: I = 0. Y = X mod 2 with X uniform on
    /// four values: I = H(Y) = ln 2. One observed value: I = 0.
    func testPluginMutualInformationClosedForms() {
        let mi = FCMIBoundExperiment.pluginMutualInformation
        XCTAssertEqual(mi([0, 1, 0, 1], [0, 1, 0, 1], 2, 2), log(2), accuracy: 1e-12)
        XCTAssertEqual(mi([0, 0, 1, 1], [0, 1, 0, 1], 2, 2), 0, accuracy: 1e-12)
        XCTAssertEqual(mi([0, 1, 2, 3], [0, 1, 0, 1], 4, 2), log(2), accuracy: 1e-12)
        XCTAssertEqual(mi([3, 3, 3], [0, 1, 1], 4, 2), 0, accuracy: 1e-12)
        // p(a, b) = (1/2, 0; 1/4, 1/4): I = Σ p ln(p / (p_a p_b)) by hand.
        let expected = 0.5 * log(0.5 / (0.5 * 0.75)) + 0.25 * log(0.25 / (0.5 * 0.75)) + 0.25 * log(0.25 / (0.5 * 0.25))
        XCTAssertEqual(mi([0, 0, 1, 1], [0, 0, 0, 1], 2, 2), expected, accuracy: 1e-12)
    }

    private func fashionMNIST() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("the Debian dataset-fashion-mnist package is not installed")
        }
    }

    /// A tiny bound: within [0, √(2 ln 2)] (each term's largest value), the same numbers for the same
    /// seed, and the gap consistent with the two errors.
    func testFCMIBoundOnATinySupersample() throws {
        try fashionMNIST()
        let kind = FCMIBoundExperiment()
        let spec = try kindSpec(kind, "data: {train: 1000}\npairs: 30\nepochs: 5\nsupersamples: 2\nmasks: 4\nbatch: 10")
        let a = try kind.run(spec, seed: 4, context: RunContext())
        let b = try kind.run(spec, seed: 4, context: RunContext())
        XCTAssertEqual(a.scalars, b.scalars)
        let bound = a.scalars["bound"]!
        XCTAssertGreaterThanOrEqual(bound, 0)
        XCTAssertLessThanOrEqual(bound, (2 * log(2.0)).squareRoot() + 1e-12)
        XCTAssertEqual(a.scalars["gap"]!, a.scalars["heldout-error"]! - a.scalars["train-error"]!, accuracy: 1e-12)
        XCTAssertEqual(a.scalars["trainings"], 8)
        // Four masks can show at most four prediction pairs: the allowance is at most 3 / 8.
        XCTAssertLessThanOrEqual(a.scalars["mi-bias-allowance"]!, 3.0 / 8)
    }

    /// Under D_S the held-out labels are coin flips, so the held-out error there is near one half
    /// (about 900 held-out images: within 0.06, 3.5 standard deviations); the forced slack is the difference of the errors.
    func testBoundLimitJudgesOneNetworkUnderTwoDistributions() throws {
        try fashionMNIST()
        let kind = BoundLimitExperiment()
        let m = try kind.run(try kindSpec(kind, "data: {train: 5000}\ntrain: 60\nepochs: 20\nbatch: 10"), seed: 2, context: RunContext())
        XCTAssertGreaterThan(m.scalars["heldout"]!, 800)   // two classes of ten, less the 60 trained on
        XCTAssertEqual(m.scalars["heldout-error-ds"]!, 0.5, accuracy: 0.06)
        XCTAssertLessThan(m.scalars["heldout-error-d"]!, 0.4)
        XCTAssertEqual(m.scalars["forced-slack"]!, m.scalars["heldout-error-ds"]! - m.scalars["heldout-error-d"]!, accuracy: 1e-12)
    }

    func testInvalidSettingsNameTheirKey() {
        XCTAssertThrowsError(try kindSpec(FCMIBoundExperiment(), "classes: [3, 3]")) { XCTAssertTrue("\($0)".contains("classes"), "\($0)") }
        XCTAssertThrowsError(try kindSpec(FCMIBoundExperiment(), "data: {train: 100}\npairs: 60")) { XCTAssertTrue("\($0)".contains("pairs"), "\($0)") }
        XCTAssertThrowsError(try kindSpec(BoundLimitExperiment(), "data: {train: 100}\ntrain: 100")) { XCTAssertTrue("\($0)".contains("train"), "\($0)") }
    }
}

/// `kind: distillation` at a tiny size on the Debian Fashion-MNIST files.
final class KindDistillationTests: XCTestCase {
    /// Deterministic per seed; the differences are the differences of the recorded accuracies; one
    /// complexity per checkpoint, the last equal to the final teacher's.
    func testDistillationRecordsStudentsAndComplexities() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("the Debian dataset-fashion-mnist package is not installed")
        }
        let kind = DistillationExperiment()
        let spec = try kindSpec(kind, "data: {train: 200, test: 100}\nteacher-hidden: [32]\nstudent-hidden: [8]\nteacher-epochs: 4\nstudent-epochs: 4\ncheckpoints: 2\nkernel-examples: 50\nbatch: 20")
        let a = try kind.run(spec, seed: 1, context: RunContext())
        let b = try kind.run(spec, seed: 1, context: RunContext())
        XCTAssertEqual(a.scalars, b.scalars)
        let s = a.scalars
        XCTAssertEqual(s["soft-minus-hard"]!, s["soft-test-accuracy"]! - s["hard-test-accuracy"]!, accuracy: 1e-12)
        XCTAssertEqual(s["online-minus-soft"]!, s["online-test-accuracy"]! - s["soft-test-accuracy"]!, accuracy: 1e-12)
        XCTAssertEqual(a.series["checkpoint-complexity"]!.count, 2)
        XCTAssertEqual(a.series["checkpoint-complexity"]!.last!, s["complexity-soft"]!, accuracy: 1e-12)
        XCTAssertGreaterThan(s["complexity-hard"]!, 0)
        XCTAssertEqual(s["student-parameters"], Double(784 * 8 + 8 + 8 * 10 + 10))
    }

    func testCheckpointsMustDivideTheEpochs() {
        XCTAssertThrowsError(try kindSpec(DistillationExperiment(), "checkpoints: 3")) { XCTAssertTrue("\($0)".contains("checkpoints"), "\($0)") }
    }
}

/// `kind: pruning-robustness`: its corruptions by hand and the kind at a tiny size.
final class KindPruningRobustnessTests: XCTestCase {
    /// Blur keeps a constant image and spreads a single bright pixel symmetrically, its total
    /// preserved away from the edges; contrast keeps each image's mean and scales deviations; noise
    /// stays in [0, 1].
    func testCorruptionsByHand() throws {
        var pixels = [Float](repeating: 0.5, count: 49) + [Float](repeating: 0, count: 49)
        pixels[49 + 24] = 1                                              // image 2: one bright pixel in the middle of 7×7
        let data = try LabeledData(inputs: Tensor(shape: [2, 1, 7, 7], scalars: pixels), labels: [0, 1], classes: 2)
        let blurred = PruningRobustnessExperiment.blurred(data, sigma: 1, height: 7, width: 7).inputs.scalars
        for i in 0..<49 { XCTAssertEqual(blurred[i], 0.5, accuracy: 1e-6) }
        let spot = Array(blurred[49...])
        XCTAssertEqual(spot.reduce(0, +), 1, accuracy: 1e-5)
        XCTAssertEqual(spot[24 - 1], spot[24 + 1], accuracy: 1e-7)
        XCTAssertEqual(spot[24 - 7], spot[24 + 7], accuracy: 1e-7)
        XCTAssertLessThan(spot[24], 0.25)
        let flat = PruningRobustnessExperiment.lowContrast(data, factor: 0.3).inputs.scalars
        let mean = 1.0 / 49
        XCTAssertEqual(Double(flat[49 + 24]), mean + 0.3 * (1 - mean), accuracy: 1e-6)
        XCTAssertEqual(Double(flat[49]), mean * 0.7, accuracy: 1e-6)
        var rng = SeededGenerator(seed: 1)
        let noisy = PruningRobustnessExperiment.noisy(data, std: 5, rng: &rng).inputs.scalars
        XCTAssertTrue(noisy.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    /// Deterministic per seed; one value per method and sparsity; a gain is the robustness minus the
    /// dense parent's; the held-out best gain lies within the in-sample range of gains.
    func testKindAtATinySize() throws {
        guard FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz") else {
            throw XCTSkip("the Debian dataset-fashion-mnist package is not installed")
        }
        let kind = PruningRobustnessExperiment()
        let spec = try kindSpec(kind, "data: {train: 200, test: 100}\nhidden: [32]\nepochs: 3\nfinetune: 1\nsparsities: [0.5, 0.9]\nbatch: 20")
        let a = try kind.run(spec, seed: 2, context: RunContext())
        XCTAssertEqual(a.scalars, try kind.run(spec, seed: 2, context: RunContext()).scalars)
        for method in PruningRobustnessExperiment.methods {
            let robustness = a.series["\(method)-robustness"]!, gain = a.series["\(method)-robustness-gain"]!
            XCTAssertEqual(robustness.count, 2)
            for i in 0..<2 { XCTAssertEqual(gain[i], robustness[i] - a.scalars["dense-robustness"]!, accuracy: 1e-12) }
        }
        XCTAssertLessThanOrEqual(a.scalars["worst-gain-in-sample"]!, a.scalars["best-gain-in-sample"]!)
    }
}

/// `kind: symbolic-features`: boards and programs by hand.
final class KindSymbolicFeaturesTests: XCTestCase {
    /// Label 1 exactly when all objects share a colour; every board has `objects` coloured cells.
    func testBoardsAreLabelledByConstantColour() throws {
        let p = try SymbolicFeaturesExperiment.Parameters(specValue: try kindSpec(SymbolicFeaturesExperiment(), "grid: 4\nobjects: 3\ncolours: 3"))
        var rng = SeededGenerator(seed: 5)
        let boards = SymbolicFeaturesExperiment.boards(400, p, rng: &rng)
        for board in boards {
            let colours = board.cells.filter { $0 > 0 }
            XCTAssertEqual(colours.count, 3)
            XCTAssertEqual(board.label, Set(colours).count == 1 ? 1 : 0)
        }
        let ones = boards.filter { $0.label == 1 }.count
        XCTAssertEqual(Double(ones) / 400, 0.5, accuracy: 0.1)
    }

    /// A 2 × 2 board with colours 1, 1, 2 in cells 0, 1, 3: the matching program marks the two 1s
    /// with "one other shares my colour" and the 2 with "none"; the misleading code of the colour-1
    /// cell in row 1 would differ from row 0's (here row 1 holds the 2: (2 − 1 + 1) mod 2 = 0).
    func testProgramsByHand() throws {
        let kind = SymbolicFeaturesExperiment()
        let board = SymbolicFeaturesExperiment.Board(cells: [1, 1, 0, 2], label: 0)
        let matching = try SymbolicFeaturesExperiment.Parameters(specValue: try kindSpec(kind, "grid: 2\nobjects: 3\ncolours: 2\nfeatures: matching\ntrain: 4\nbatch: 2"))
        let x = try SymbolicFeaturesExperiment.encode([board], matching).inputs.scalars      // 4 cells × (3 + 3)
        XCTAssertEqual(Array(x[0..<6]), [0, 1, 0, 0, 1, 0])
        XCTAssertEqual(Array(x[6..<12]), [0, 1, 0, 0, 1, 0])
        XCTAssertEqual(Array(x[12..<18]), [1, 0, 0, 0, 0, 0])
        XCTAssertEqual(Array(x[18..<24]), [0, 0, 1, 1, 0, 0])
        let misleading = try SymbolicFeaturesExperiment.Parameters(specValue: try kindSpec(kind, "grid: 2\nobjects: 3\ncolours: 2\nfeatures: misleading\ntrain: 4\nbatch: 2"))
        let y = try SymbolicFeaturesExperiment.encode([board], misleading).inputs.scalars    // 4 cells × (3 + 2)
        XCTAssertEqual(Array(y[0..<5]), [0, 1, 0, 1, 0])                                   // colour 1, row 0 → code 0
        XCTAssertEqual(Array(y[15..<20]), [0, 0, 1, 1, 0])                                 // colour 2, row 1 → code 0
        XCTAssertThrowsError(try kindSpec(kind, "grid: 2\nobjects: 5")) { XCTAssertTrue("\($0)".contains("objects"), "\($0)") }
    }
}
