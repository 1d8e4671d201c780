import XCTest
@testable import Book

/// `squeue -h -r -j JOB -o '%i %t'` output, as Slurm 22.05 prints it.
final class SlurmQueueTests: XCTestCase {
    func testRunningAndPendingTasks() throws {
        let output = """
        41_0 R
        41_2 CG
        41_[3-5,8%2] PD
        42_1 R
        """
        let q = try SlurmQueue(parsing: output, job: "41")
        XCTAssertEqual(q.states, [0: "R", 2: "CG", 3: "PD", 4: "PD", 5: "PD", 8: "PD"])
        XCTAssertEqual(q.running, 2)
        XCTAssertEqual(q.pending, 4)
        XCTAssertFalse(q.isEmpty)
        // Job 4 is not job 41: its tasks are not ours.
        XCTAssertTrue(try SlurmQueue(parsing: "41_0 R\n", job: "4").isEmpty)
        XCTAssertTrue(try SlurmQueue(parsing: "", job: "41").isEmpty)
    }

    func testUnreadableTaskIdIsAnError() {
        XCTAssertThrowsError(try SlurmQueue(parsing: "41_[5-x] PD", job: "41")) { XCTAssertTrue("\($0)".contains("5-x")) }
        XCTAssertThrowsError(try SlurmQueue(parsing: "41_abc R", job: "41"))
    }
}
