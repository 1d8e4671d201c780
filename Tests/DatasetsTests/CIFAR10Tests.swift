import XCTest
@testable import Datasets

final class CIFAR10Tests: XCTestCase {
    func record(label: UInt8, fill: UInt8) -> [UInt8] { [label] + [UInt8](repeating: fill, count: 3072) }

    func testReadsRecordsAndReportsTruncation() throws {
        let dir = NSTemporaryDirectory() + "cifar-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var bytes = record(label: 3, fill: 255) + record(label: 9, fill: 0)
        bytes[1 + 1024] = 51   // first record, green channel, pixel (0, 0)
        _ = FileManager.default.createFile(atPath: dir + "/test_batch.bin", contents: Data(bytes))
        let data = try CIFAR10.load(split: .test, directory: dir)
        XCTAssertEqual(data.inputs.shape, [2, 3, 32, 32])
        XCTAssertEqual(data.labels, [3, 9])
        XCTAssertEqual(data.inputs.scalars[1024], 0.2)
        XCTAssertEqual(data.inputs.scalars[0], 1)
        XCTAssertEqual(data.inputs.scalars[3072], 0)

        let short = dir + "/short.bin"
        _ = FileManager.default.createFile(atPath: short, contents: Data(bytes.dropLast(10)))
        XCTAssertThrowsError(try CIFAR10.readBatch(path: short)) { error in
            XCTAssertEqual(error as? DatasetError, .truncated(path: short, expected: 2 * 3073, found: 2 * 3073 - 10))
        }
        XCTAssertThrowsError(try CIFAR10.load(split: .train, directory: dir)) { error in
            XCTAssertEqual(error as? DatasetError, .missingFile(path: dir + "/data_batch_1.bin"))
        }
        let badLabel = dir + "/bad.bin"
        _ = FileManager.default.createFile(atPath: badLabel, contents: Data(record(label: 10, fill: 1)))
        XCTAssertThrowsError(try CIFAR10.readBatch(path: badLabel))
    }
}
