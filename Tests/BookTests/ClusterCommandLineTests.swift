import XCTest
@testable import MemgenCLI
import Book

/// The cluster commands' parsing: plan, run --shard/--keys, build --executor slurm, --profile paper.
final class ClusterCommandLineTests: XCTestCase {
    func testPlanAndRun() throws {
        let plan = try XCTUnwrap(try MemgenCommand.parseAsRoot(["plan", "--json", "--profile", "paper"]) as? PlanCommand)
        XCTAssertTrue(plan.json)
        XCTAssertEqual(plan.paths.profile.profile, .paper)
        let run = try XCTUnwrap(try MemgenCommand.parseAsRoot(["run", "--shard", "2/5", "--keys", "k.keys"]) as? RunCommand)
        XCTAssertEqual(run.shard, try Shard(index: 2, count: 5))
        XCTAssertEqual(run.keys, "k.keys")
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["run", "--shard", "5/5"]))
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["run", "--shard", "x"]))
    }

    func testBuildOnSlurm() throws {
        let build = try XCTUnwrap(try MemgenCommand.parseAsRoot(["build", "--executor", "slurm", "--partition", "cpu", "--time", "1:00:00", "--max-parallel", "4"]) as? BuildCommand)
        let submission = try XCTUnwrap(build.cluster.submission)
        XCTAssertEqual(submission.partition, "cpu")
        XCTAssertEqual(submission.timeLimit, "1:00:00")
        XCTAssertEqual(submission.maxParallel, 4)
        XCTAssertTrue(submission.executable.hasPrefix("/"))
        let local = try XCTUnwrap(try MemgenCommand.parseAsRoot(["build"]) as? BuildCommand)
        XCTAssertNil(local.cluster.submission)
        XCTAssertNotNil((try MemgenCommand.parseAsRoot(["build", "--emit-slurm", "job.sh"]) as? BuildCommand)?.cluster.submission)
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["build", "--partition", "cpu"]))
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["build", "--executor", "pbs"]))
        XCTAssertThrowsError(try MemgenCommand.parseAsRoot(["build", "--executor", "slurm", "--max-parallel", "0"]))
    }
}
