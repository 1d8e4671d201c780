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
        XCTAssertTrue(MemgenCommand.configuration.version.hasPrefix("memgen-book "))
    }
}
