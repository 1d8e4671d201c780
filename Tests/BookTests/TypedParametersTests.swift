import XCTest
@testable import Book
import TrainingCore

/// Typed parameters: a kind's `Parameters` record gives the schema the validator checks, its
/// defaults, and the value a run receives.
final class TypedParametersTests: XCTestCase {
    private let train = TrainExperiment()

    func testOmittedKeysTakeTheDefaultsOfInit() throws {
        let spec = try kindSpec(train, "epochs: 7")
        let p = try TrainExperiment.Parameters(specValue: spec)
        XCTAssertEqual(p.epochs, 7)
        XCTAssertEqual(p.batch, 128, "the default written once, in the struct")
        XCTAssertEqual(p.data.set, .fashionMNIST)
        XCTAssertEqual(p.data.train, 2000)
        XCTAssertNil(p.stop.trainAccuracy, "an optional parameter without a default stays absent")
        XCTAssertEqual(spec[path: "batch"], .integer(128), "the validator filled the same default")
        XCTAssertNil(spec[path: "stop.train-accuracy"])
    }

    func testSharedOptimizerSectionReadsEveryCaseAndShorthand() throws {
        let sam = try TrainExperiment.Parameters(specValue: kindSpec(train, "optimizer: {sam: {rho: 0.1, lr: 0.2}}"))
        XCTAssertEqual(sam.optimizer, .sam(.init(sgd: .init(lr: 0.2, momentum: 0.9, nesterov: false, weightDecay: 0), rho: 0.1)))
        guard case .sam(let config) = sam.optimizer.config else { return XCTFail("expected SAM, got \(sam.optimizer.config)") }
        XCTAssertEqual(config.rho, 0.1)
        XCTAssertEqual(config.base.learningRate, 0.2)
        XCTAssertEqual(config.base.momentum, 0.9, "SAM's SGD fields are SGD's, with SGD's defaults")

        let adam = try TrainExperiment.Parameters(specValue: kindSpec(train, "optimizer: {adam: 0.003}"))
        XCTAssertEqual(adam.optimizer, .adam(.init(lr: 0.003)), "the shorthand fills lr; the other fields keep Adam's defaults")

        let model = try TrainExperiment.Parameters(specValue: kindSpec(train, "model: {cnn: [8]}"))
        XCTAssertEqual(model.model.architecture, .smallCNN(channels: [8], kernelSize: 3, dense: [128], batchNorm: false, dropout: 0))
        let schedule = try TrainExperiment.Parameters(specValue: kindSpec(train, "schedule: {step: {every: 5}}"))
        XCTAssertEqual(schedule.schedule.schedule(epochs: 20), .step(every: 5, factor: 0.1))
    }

    func testEncodingTheDecodedValueGivesTheCanonicalSpecBack() throws {
        for yaml in ["epochs: 3", "optimizer: {winsorized: 3}\nstop: {train-loss: 0.5}", "model: {resnet: 8}\ndata: {set: mnist, crop: 20}"] {
            let spec = try kindSpec(train, yaml)
            XCTAssertEqual(try TrainExperiment.Parameters(specValue: spec).specValue.canonicalJSON, spec.canonicalJSON, yaml)
        }
    }

    func testAMisshapenSpecNamesThePathOfTheBadValue() throws {
        let spec = try kindSpec(train, "epochs: 3").setting(["optimizer", "sgd", "lr"], to: .text("fast"))
        XCTAssertThrowsError(try TrainExperiment.Parameters(specValue: spec)) { error in
            let e = error as? SpecDecodingError
            XCTAssertEqual(e?.path, "optimizer.sgd.lr")
            XCTAssertEqual(e?.description, "key 'optimizer.sgd.lr': expected a number, got fast")
        }
        XCTAssertThrowsError(try train.check(spec)) { error in
            XCTAssertEqual((error as? KindIssue)?.path, "optimizer.sgd.lr")
        }
    }

    func testTypedChecksStillNameTheOffendingKey() throws {
        XCTAssertThrowsError(try kindSpec(train, "data: {set: gaussian-mixture, classes: 5, clusters: 3}")) { error in
            XCTAssertEqual((error as? KindIssue)?.path, "data.classes")
            XCTAssertEqual((error as? KindIssue)?.message, "5 classes need at least as many clusters (got 3)")
        }
    }

    func testEveryQuickCapNamesAnIntegerParameter() {
        for kind in ExperimentRegistry.standard {
            guard let typed = kind as? any Experiment else { continue }
            for (path, _) in typed.quickCaps {
                guard case .integer? = SpecValidator.type(at: path.dotComponents, in: kind.parameters) else {
                    return XCTFail("\(kind.name): quick cap '\(path)' is not an integer parameter")
                }
            }
        }
    }
}
