import XCTest
@testable import Book

/// A figure over runs that stopped at different points (a stop rule): a stopped run counts with its
/// last value afterwards, and the band stays within the runs' range.
final class StoppedRunCurveTests: XCTestCase {
    func testStoppedRunsHoldTheirLastValueAndTheBandStaysWithinTheRuns() throws {
        let book = TestBook()
        book.kinds.append(StoppingExperiment())
        book.write("book.yml", "title: Stops\nchapters: [01-a.md]\n")
        book.write("01-a.md", """
            # A

            ```experiment
            id: stops
            kind: stopping
            seeds: [1, 2, 3]
            ```

            ```figure
            label: curve
            from: stops
            x: epoch
            y: accuracy
            caption: Accuracy until each run stops.
            ```
            """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.exitCode, 0, log.errors.joined(separator: "\n"))
        let csv = try XCTUnwrap(book.file("data/01-a-fig-curve.csv"))
        let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        XCTAssertEqual(rows.count, 5, csv)
        let means = rows.map { Double($0[2])! }
        // Seed s runs 6 − s epochs with accuracy min(0.3·epoch, 1) − s/100 (seed 3 stops after epoch 3).
        func value(_ seed: Int, _ epoch: Int) -> Double { min(0.3 * Double(min(epoch, 6 - seed)), 1) - Double(seed) / 100 }
        for epoch in 1...5 {
            let expected = (1...3).map { value($0, epoch) }.reduce(0, +) / 3
            XCTAssertEqual(means[epoch - 1], expected, accuracy: 1e-12, "epoch \(epoch): stopped runs keep their last value")
        }

        // The plot the figure draws: its band never leaves [least run, greatest run].
        let data = FigureData.Curve(name: "c", x: [1, 2], y: [0.9, 0.5], std: [0.5, 0.1], low: [0.6, 0.45], high: [1.0, 0.6])
        let band = FigureChart.band(of: data)
        XCTAssertEqual(band.lower, [0.6, 0.45])          // 0.4 and 0.4 lifted to the least run
        XCTAssertEqual(band.upper.map { ($0 * 1e9).rounded() / 1e9 }, [1.0, 0.6])   // 1.4 cut at the greatest; 0.6 stays
    }
}

/// Seed `s` trains `6 − s` epochs (as if a stop rule ended it there); its accuracy at epoch e is
/// `min(0.3·e, 1) − s/100`.
private struct StoppingExperiment: ExperimentKind {
    var name: String { "stopping" }
    var version: String { "stopping-1" }
    var parameters: [SpecField] { [] }
    func check(_ spec: SpecValue) throws(KindIssue) {}
    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { [:] }
    func metrics(_ spec: SpecValue) -> MetricCatalog { MetricCatalog(series: ["epoch", "accuracy"], scalars: []) }
    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "none" }
    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let epochs = (1...(6 - Int(seed))).map(Double.init)
        return Measurements(series: ["epoch": epochs, "accuracy": epochs.map { min(0.3 * $0, 1) - Double(seed) / 100 }], scalars: [:])
    }
}
