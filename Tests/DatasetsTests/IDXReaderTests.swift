import XCTest
@testable import Datasets

final class IDXReaderTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "idx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: directory) }

    /// An IDX file: magic 00 00 08 d, big-endian sizes, then bytes.
    func idx(shape: [Int], bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0, 0, 8, UInt8(shape.count)]
        for s in shape { out += [UInt8(s >> 24 & 255), UInt8(s >> 16 & 255), UInt8(s >> 8 & 255), UInt8(s & 255)] }
        return out + bytes
    }

    func write(_ bytes: [UInt8], _ name: String) -> String {
        let path = directory + "/" + name
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }

    /// Three 2×2 images with pixels 0, 51, …, and labels 2, 0, 1.
    func writeSet(gzip: Bool) throws {
        let images = idx(shape: [3, 2, 2], bytes: (0..<12).map { UInt8($0 * 20) })
        let labels = idx(shape: [3], bytes: [2, 0, 1])
        let suffix = gzip ? ".gz" : ""
        _ = write(gzip ? try Gzip.compress(images) : images, "train-images-idx3-ubyte" + suffix)
        _ = write(gzip ? try Gzip.compress(labels) : labels, "train-labels-idx1-ubyte" + suffix)
    }

    func testReadsRawAndGzipIdenticallyAndScalesPixels() throws {
        try writeSet(gzip: false)
        let raw = try ImageClassificationSet.mnist.load(split: .train, directory: directory)
        try FileManager.default.removeItem(atPath: directory + "/train-images-idx3-ubyte")
        try FileManager.default.removeItem(atPath: directory + "/train-labels-idx1-ubyte")
        try writeSet(gzip: true)
        let zipped = try ImageClassificationSet.mnist.load(split: .train, directory: directory)
        XCTAssertEqual(raw, zipped)
        XCTAssertEqual(raw.inputs.shape, [3, 1, 2, 2])
        XCTAssertEqual(raw.labels, [2, 0, 1])
        XCTAssertEqual(raw.inputs.scalars[5], 100 / 255)
        XCTAssertEqual(try ImageClassificationSet.mnist.load(split: .train, directory: directory, limit: 2).count, 2)
    }

    func testMissingFileNamesThePath() {
        XCTAssertThrowsError(try IDXReader.read(path: directory + "/nope")) { error in
            XCTAssertEqual(error as? DatasetError, .missingFile(path: directory + "/nope"))
        }
    }

    func testTruncatedFilesAreReported() throws {
        let full = idx(shape: [2, 3], bytes: [1, 2, 3, 4, 5, 6])
        let path = write(Array(full.dropLast(2)), "short")
        XCTAssertThrowsError(try IDXReader.read(path: path)) { error in
            XCTAssertEqual(error as? DatasetError, .truncated(path: path, expected: 18, found: 16))
        }
        let zipped = try Gzip.compress(full)
        let zpath = write(Array(zipped.prefix(zipped.count / 2)), "short.gz")
        XCTAssertThrowsError(try IDXReader.read(path: zpath)) { error in
            guard case .corrupt(let p, let reason)? = error as? DatasetError else { return XCTFail("\(error)") }
            XCTAssertEqual(p, zpath)
            XCTAssertTrue(reason.contains("truncated"), reason)
        }
    }

    func testBadMagicIsReported() {
        let path = write([0x50, 0x4b, 3, 4, 0, 0, 0, 0], "zip")
        XCTAssertThrowsError(try IDXReader.read(path: path)) { error in
            guard case .badMagic(let p, _, let found)? = error as? DatasetError else { return XCTFail("\(error)") }
            XCTAssertEqual(p, path)
            XCTAssertEqual(found, "50 4b 03 04")
        }
    }

    func testImageAndLabelCountsMustAgree() {
        let images = write(idx(shape: [2, 1, 1], bytes: [0, 1]), "i")
        let labels = write(idx(shape: [3], bytes: [0, 1, 1]), "l")
        XCTAssertThrowsError(try IDXReader.labeledImages(images: images, labels: labels))
    }

    func testInstalledFashionMNISTTestSplit() throws {
        let dir = ImageClassificationSet.fashionMNIST.defaultDirectory
        try XCTSkipUnless(FileManager.default.fileExists(atPath: dir + "/t10k-labels-idx1-ubyte.gz"),
                          "dataset-fashion-mnist is not installed")
        let test = try FashionMNIST.load(split: .test)
        XCTAssertEqual(test.count, 10_000)
        XCTAssertEqual(test.sampleShape, [1, 28, 28])
        // Fashion-MNIST's test split is balanced: 1000 per class.
        XCTAssertEqual(Set((0..<10).map { c in test.labels.filter { $0 == c }.count }), [1000])
    }
}
