import XCTest
@testable import Book

/// The batch script's text, and its command line as bash really passes it (paths with spaces and
/// quotes), run with a stand-in executable.
final class SlurmBatchScriptTests: XCTestCase {
    func testText() {
        let script = SlurmBatchScript(executable: "/shared/bin/memgen-book", workingDirectory: "/home/u/course",
                                      chapters: "/home/u/course/Chapters", cache: "/shared/cache", profile: "full",
                                      keysFile: "/shared/cache/slurm/s1/runs.keys", logDirectory: "/shared/cache/slurm/s1",
                                      tasks: 4, maxParallel: 2, partition: "cpu", timeLimit: "2:00:00")
        XCTAssertEqual(script.text, """
        #!/bin/bash
        #SBATCH --job-name=memgen-book
        #SBATCH --array=0-3%2
        #SBATCH --cpus-per-task=1
        #SBATCH --output=/shared/cache/slurm/s1/task-%a.log
        #SBATCH --chdir=/home/u/course
        #SBATCH --partition=cpu
        #SBATCH --time=2:00:00
        # Written by memgen-book: each task trains one share of the runs listed in the keys file into
        # the shared cache, then records its exit status. Submit with: sbatch THIS-FILE
        set -u
        '/shared/bin/memgen-book' run --chapters '/home/u/course/Chapters' --cache '/shared/cache' --profile 'full' --no-frozen \\
          --keys '/shared/cache/slurm/s1/runs.keys' --shard "$SLURM_ARRAY_TASK_ID/4"
        status=$?
        echo "$status" > '/shared/cache/slurm/s1'/task-"$SLURM_ARRAY_TASK_ID".status
        exit "$status"

        """)
        XCTAssertEqual(script.logFile(task: 3), "/shared/cache/slurm/s1/task-3.log")
    }

    func testBashPassesTheArgumentsAndRecordsTheStatus() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-sbatch-\(UUID().uuidString)/it's here")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir.deletingLastPathComponent()) }
        let fake = dir.appendingPathComponent("fake book")
        try "#!/bin/bash\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/args\"\nexit 3\n".write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let script = SlurmBatchScript(executable: fake.path, workingDirectory: dir.path, chapters: "Chap ters", cache: "a'b",
                                      profile: "quick", keysFile: "k.keys", logDirectory: dir.path, tasks: 5)
        let file = dir.appendingPathComponent("job.sh")
        try script.text.write(to: file, atomically: true, encoding: .utf8)
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = [file.path]
        bash.environment = ["SLURM_ARRAY_TASK_ID": "2", "PATH": "/usr/bin:/bin"]
        try bash.run()
        bash.waitUntilExit()
        XCTAssertEqual(bash.terminationStatus, 3)
        let args = try String(contentsOf: dir.appendingPathComponent("args"), encoding: .utf8)
        XCTAssertEqual(args, "run\n--chapters\nChap ters\n--cache\na'b\n--profile\nquick\n--no-frozen\n--keys\nk.keys\n--shard\n2/5\n")
        XCTAssertEqual(try String(contentsOfFile: script.statusFile(task: 2), encoding: .utf8), "3\n")
    }
}
