import XCTest
@testable import Book

/// A cache folder shared by machines: a temporary file of a writer on another host is not taken
/// for an abandoned one because its pid does not exist here.
final class SharedCacheTests: XCTestCase {
    func testLeftoversOfOtherHostsAreLeftToTheAgeRule() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let deadPid = Int32.max - 1    // above any pid_max: no such process
        let here = folder.appendingPathComponent(".tmp-\(deadPid)@\(AtomicFile.hostName)@a")
        let elsewhere = folder.appendingPathComponent(".tmp-\(deadPid)@node-17.cluster@b")
        let staged = try AtomicFile.stage(Data("x".utf8), for: folder.appendingPathComponent("entry.json"))
        for url in [here, elsewhere] { try Data("x".utf8).write(to: url) }
        XCTAssertTrue(staged.lastPathComponent.hasPrefix(".tmp-\(getpid())@\(AtomicFile.hostName)@"))
        XCTAssertEqual(AtomicFile.removeLeftovers(under: folder), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: here.path), "this host's dead writer")
        XCTAssertTrue(FileManager.default.fileExists(atPath: elsewhere.path), "another host's writer, in flight")
        XCTAssertTrue(FileManager.default.fileExists(atPath: staged.path), "our own file in flight")
        // An hour later the other host's file is abandoned whatever its pid.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -3600)], ofItemAtPath: elsewhere.path)
        XCTAssertEqual(AtomicFile.removeLeftovers(under: folder), 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: elsewhere.path))
    }
}
