import Foundation
import XCTest
@testable import Book

/// The cache key covers the content of the data a run reads, never the folder it is read from,
/// and the versions of every library a result depends on.
final class CacheKeyTests: XCTestCase {
    /// Writes tiny MNIST-format IDX files (20 training and 10 test images) into `folder`.
    private func writeIDX(_ folder: URL, labelOffset: Int = 0) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func be(_ v: Int) -> [UInt8] { [UInt8(v >> 24 & 255), UInt8(v >> 16 & 255), UInt8(v >> 8 & 255), UInt8(v & 255)] }
        for (split, count) in [("train", 20), ("t10k", 10)] {
            let pixels = (0..<(count * 784)).map { UInt8(($0 * 37) % 251) }
            try Data([0, 0, 8, 3] + be(count) + be(28) + be(28) + pixels).write(to: folder.appendingPathComponent("\(split)-images-idx3-ubyte"))
            let labels = (0..<count).map { UInt8(($0 + labelOffset) % 10) }
            try Data([0, 0, 8, 1] + be(count) + labels).write(to: folder.appendingPathComponent("\(split)-labels-idx1-ubyte"))
        }
    }

    private func chapter(_ folder: URL) -> String {
        "# Data\n\n```experiment\nid: idx\ndata: {set: mnist, directory: \(folder.path), train: 20, test: 10}\nmodel: {mlp: [4]}\nbatch: 10\nepochs: 1\n```\n"
    }

    func testSameFilesInAnotherFolderShareTheResultAndOtherBytesDoNot() throws {
        let book = TestBook()
        let a = book.root.appendingPathComponent("machine-a/mnist"), b = book.root.appendingPathComponent("elsewhere/b")
        try writeIDX(a)
        try writeIDX(b)
        book.write("01-data.md", chapter(a))
        let (first, log1) = book.build()
        XCTAssertEqual(first.errors, [], "\(log1.errors)")
        XCTAssertEqual(first.trainedRuns, 1)
        let json = try XCTUnwrap(book.file("data/idx.json"))
        XCTAssertFalse(json.contains("machine-a"), "the folder stays out of the recorded spec")

        book.write("01-data.md", chapter(b))
        let (moved, log2) = book.build()
        XCTAssertEqual(moved.errors, [], "\(log2.errors)")
        XCTAssertEqual(moved.trainedRuns, 0, "the same bytes in another folder are the same data")

        try writeIDX(b, labelOffset: 1)
        let (changed, log3) = book.build()
        XCTAssertEqual(changed.errors, [], "\(log3.errors)")
        XCTAssertEqual(changed.trainedRuns, 1, "other bytes at the same path are other data")
    }

    func testTheKeyNamesEveryLibraryVersion() {
        let versions = TrainingCoreVersion.current
        for library in ["TrainingCore", "Probes", "Datasets"] { XCTAssertTrue(versions.contains(library), versions) }
    }

    func testMachineLocalFieldsLeaveTheKeyedSpecThroughRecords() throws {
        let kind = TrainExperiment()
        let spec = try kindSpec(kind, "data: {set: mnist, directory: /somewhere/mnist}")
        XCTAssertEqual(spec[path: "data.directory"], .text("/somewhere/mnist"), "the run still reads the folder")
        let keyed = ExperimentPlan.keyed(spec, fields: kind.parameters)
        XCTAssertNil(keyed[path: "data.directory"])
        XCTAssertEqual(keyed[path: "data.set"], .text("mnist"))
        XCTAssertEqual(keyed.setting(["data", "directory"], to: .text("/somewhere/mnist")), spec, "nothing else is removed")
    }
}
