import XCTest
@testable import TrainingCore

final class EvaluationTests: XCTestCase {
    /// `Evaluation` agrees with the trainer's evaluation (loss and accuracy, bit for bit at the same
    /// batch size), its logits with `predict`, and its predictions with `Metrics.predictions` and
    /// the accuracy they imply; chunking the data differently changes no prediction.
    func testEvaluationAgreesWithTheTrainerAndWithPredict() throws {
        let data = Fixtures.blobs(n: 50)
        var rng = SeededGenerator(seed: 7)
        let model = try Model(architecture: .mlp(hidden: [6]), inputShape: [4], classes: 3, rng: &rng)
        let e = Evaluation(model: model, data: data, batchSize: 16)
        let (loss, accuracy) = Trainer.evaluate(model: model, data: data, batchSize: 16)
        XCTAssertEqual(e.loss, loss)
        XCTAssertEqual(e.accuracy, accuracy)
        let logits = try model.predict(data.inputs, batchSize: 16)
        XCTAssertEqual(e.logits, logits.scalars)
        XCTAssertEqual(e.predictions, try Metrics.predictions(logits: logits))
        XCTAssertEqual(e.accuracy, Double(zip(e.predictions, data.labels).filter { $0 == $1 }.count) / 50)
        XCTAssertEqual(Evaluation(model: model, data: data, batchSize: 7).predictions, e.predictions)
    }
}
