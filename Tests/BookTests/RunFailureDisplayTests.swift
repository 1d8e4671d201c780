import XCTest
@testable import Book

/// A run that fails while training shows its message on the page, not only on stderr.
final class RunFailureDisplayTests: XCTestCase {
    /// IDX files whose image file promises 10 images but holds the pixels of one.
    static func writeTruncatedMNIST(to dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        for prefix in ["train", "t10k"] {
            let images = be32(0x0803) + be32(10) + be32(28) + be32(28) + [UInt8](repeating: 7, count: 784)
            let labels = be32(0x0801) + be32(10) + (0..<10).map { UInt8($0) }
            try Data(images).write(to: dir.appendingPathComponent("\(prefix)-images-idx3-ubyte"))
            try Data(labels).write(to: dir.appendingPathComponent("\(prefix)-labels-idx1-ubyte"))
        }
    }

    func testATruncatedDataFileIsShownOnTheExperimentCardAndTheReproducibilityPage() throws {
        let book = TestBook()
        let data = book.root.appendingPathComponent("mnist")
        try RunFailureDisplayTests.writeTruncatedMNIST(to: data)
        book.write("01-broken.md", """
        # Broken

        ```experiment
        id: broken
        data: {set: mnist, directory: \(data.path), train: 10, test: 10}
        model: {mlp: [4]}
        epochs: 1
        ```

        ```claim
        from: broken
        metric: train-accuracy
        expect: {at-least: 0.5}
        ```
        """)
        let (summary, log) = book.build()
        XCTAssertEqual(summary.failedRuns, 1)
        XCTAssertEqual(summary.exitCode, 1)
        let page = try XCTUnwrap(book.file("01-broken.html"))
        let repro = try XCTUnwrap(book.file("reproducibility.html"))
        let stderrLine = try XCTUnwrap(log.errors.first { $0.contains("run broken") }, "\(log.errors)")
        // The page names the run, where it is declared, and the reader's own error.
        for html in [page, repro] {
            XCTAssertTrue(html.contains("run broken[seed=1] (Chapters/01-broken.md:3) failed: ") || html.contains("run broken[seed=1] ("), html)
            XCTAssertTrue(html.contains("01-broken.md:3"), html)
        }
        let message = try XCTUnwrap(stderrLine.components(separatedBy: "failed: ").last)
        XCTAssertFalse(message.isEmpty)
        XCTAssertTrue(page.contains(message.htmlEscaped), "the error the reader raised appears on the card: \(message)")
        XCTAssertTrue(repro.contains("Failed runs"))
        XCTAssertTrue(page.contains("1 of 1 runs failed."))
    }
}
