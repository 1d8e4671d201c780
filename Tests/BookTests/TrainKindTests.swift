import XCTest
@testable import Book

/// `kind: train` end to end on small data: synthetic mixtures, corruptions, CNNs, and its checks.
final class TrainKindTests: XCTestCase {
    func testGaussianMixtureTrueLabelsGeneralizeRandomLabelsDoNot() throws {
        let book = TestBook()
        book.write("01-g.md", """
        # G

        ```experiment
        id: mix
        data: {set: gaussian-mixture, train: 300, test: 300, clusters: 4, classes: 4, dimension: 8, separation: 3, noise: 0.5}
        model: {mlp: [32]}
        optimizer: {sgd: {lr: 0.05}}
        batch: 30
        epochs: 15
        sweep: {corruption.labels: [0, 1]}
        seeds: [1, 2, 3]
        ```

        ```claim
        from: mix
        metric: test-accuracy
        where: {labels: 0}
        expect: {above: {labels: 1}}
        ```

        ```claim
        from: mix
        metric: max(train-accuracy)
        expect: {decreasing: labels}
        ```

        """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        XCTAssertEqual(summary.trainedRuns, 6)
        XCTAssertEqual(summary.claimsReplicated, 2, "clean labels generalize, random ones do not (on 3 seeds)")
        let json = try XCTUnwrap(book.file("data/mix.json"))
        XCTAssertFalse(json.contains("directory"), "settings that do not apply are left out of the canonical spec: \(json.components(separatedBy: "directory").first!.suffix(300))")
    }

    func testCorruptedInputsAndASmallCNNTrain() throws {
        let book = TestBook()
        book.write("01-c.md", """
        # C

        ```experiment
        id: cnn
        data: {train: 64, test: 32}
        model: {cnn: {channels: [4], dense: [8]}}
        batch: 32
        epochs: 1
        record: {samples: 3}
        sweep: {corruption.inputs: [shuffled-pixels, gaussian]}
        ```

        ```figure
        label: samples
        plot: images
        from: cnn
        y: samples
        column-labels: [a, b, c]
        caption: The first three training images under each corruption.
        ```

        """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.errors, [], "\(log.errors)")
        XCTAssertEqual(summary.trainedRuns, 2)
        XCTAssertTrue(book.exists("figures/01-c-fig-samples.png"))
        let csv = try XCTUnwrap(book.file("data/01-c-fig-samples.csv"))
        XCTAssertEqual(csv.split(separator: "\n").count, 1 + 2 * 3 * 784, "two rows of three 28×28 images")
    }

    func testKindChecksPointAtTheParameter() {
        let book = TestBook()
        book.write("01-k.md", """
        # K

        ```experiment
        id: bad
        data: {set: gaussian-mixture, train: 100}
        model: {cnn: [8]}
        ```

        ```experiment
        id: few-clusters
        data: {set: gaussian-mixture, clusters: 3, classes: 5}
        ```

        """)
        let (_, log) = book.check()
        XCTAssertTrue(log.errors.contains { $0.hasSuffix("Chapters/01-k.md:6:8: key 'model': gaussian-mixture data are vectors: use an mlp") }, "\(log.errors)")
        XCTAssertTrue(log.errors.contains { $0.hasSuffix("Chapters/01-k.md:11:53: key 'data.classes': 5 classes need at least as many clusters (got 3)") }, "\(log.errors)")
    }
}
