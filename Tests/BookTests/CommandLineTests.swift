import XCTest
@testable import MemgenCLI

final class CommandLineTests: XCTestCase {
    func testBuildIsTheDefaultSubcommand() throws {
        let command = try MemgenCommand.parseAsRoot([])
        XCTAssertTrue(command is BuildCommand)
        let build = try XCTUnwrap(try MemgenCommand.parseAsRoot(["--jobs", "2", "--profile", "quick", "--strict"]) as? BuildCommand)
        XCTAssertEqual(build.jobs, 2)
        XCTAssertTrue(build.strict)
        XCTAssertEqual(build.paths.profile, .quick)
        XCTAssertEqual(build.paths.output, "Output")
        XCTAssertEqual(build.paths.cache, ".cache/memgen")
    }

    func testBadArgumentsAreRejected() {
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["build", "--jobs", "0"]))
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["build", "--profile", "fast"]))
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["frobnicate"]))
    }

    func testSubcommands() throws {
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["check"]) is CheckCommand)
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["list", "--chapters", "x"]) is ListCommand)
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["clean"]) is CleanCommand)
        let clean = try XCTUnwrap(try MemgenCommand.parseAsRoot(["clean", "--cache", "--cache-folder", "c", "--output", "o"]) as? CleanCommand)
        XCTAssertTrue(clean.cache)
        XCTAssertEqual(clean.cacheFolder, "c")
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["verify", "--sample", "3"]) is VerifyCommand)
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["serve", "--port", "0"]) is ServeCommand)
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["cache", "gc"]) is CacheGCCommand)
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["new", "pruning"]) is NewCommand)
        XCTAssertTrue(try MemgenCommand.parseAsRoot(["init", "book"]) is InitCommand)
        let one = try XCTUnwrap(try MemgenCommand.parseAsRoot(["build", "01-a.md", "02-b.md"]) as? BuildCommand)
        XCTAssertEqual(one.chapterFiles, ["01-a.md", "02-b.md"])
        XCTAssertTrue(MemgenCommand.configuration.version.hasPrefix("memgen-book "))
    }
}
