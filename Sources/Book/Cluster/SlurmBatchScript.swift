/// The batch script of a submission: a job array whose task `I` runs
/// `memgen-book run --keys FILE --shard I/N` into the shared cache and records its exit status.
public struct SlurmBatchScript: Sendable, Equatable {
    /// The `memgen-book` executable, as every node sees it.
    public var executable: String
    /// The folder tasks start in (relative paths in the book resolve against it).
    public var workingDirectory: String
    /// The chapters folder, as every node sees it.
    public var chapters: String
    /// The shared cache folder, as every node sees it.
    public var cache: String
    /// `full`, `quick` or `paper`.
    public var profile: String
    /// The keys file of the submission.
    public var keysFile: String
    /// The folder of the tasks' logs (`task-I.log`) and exit statuses (`task-I.status`).
    public var logDirectory: String
    /// Array tasks (shards).
    public var tasks: Int
    /// Tasks running at once (`%K`), if limited.
    public var maxParallel: Int?
    /// `sbatch --partition`, if given.
    public var partition: String?
    /// `sbatch --time`, if given.
    public var timeLimit: String?
    /// The job's name in `squeue`.
    public var jobName = "memgen-book"

    /// A script; see the properties.
    public init(executable: String, workingDirectory: String, chapters: String, cache: String, profile: String,
                keysFile: String, logDirectory: String, tasks: Int, maxParallel: Int? = nil,
                partition: String? = nil, timeLimit: String? = nil) {
        self.executable = executable
        self.workingDirectory = workingDirectory
        self.chapters = chapters
        self.cache = cache
        self.profile = profile
        self.keysFile = keysFile
        self.logDirectory = logDirectory
        self.tasks = tasks
        self.maxParallel = maxParallel
        self.partition = partition
        self.timeLimit = timeLimit
    }

    /// The log file of task `index`.
    public func logFile(task index: Int) -> String { "\(logDirectory)/task-\(index).log" }
    /// The exit-status file of task `index` (absent when the task was killed).
    public func statusFile(task index: Int) -> String { "\(logDirectory)/task-\(index).status" }

    /// The script's text. Tasks read no committed results (`--no-frozen`): every run of the keys
    /// file was missing from them when the build submitted it.
    public var text: String {
        var array = "0-\(tasks - 1)"
        if let maxParallel { array += "%\(maxParallel)" }
        var lines = [
            "#!/bin/bash",
            "#SBATCH --job-name=\(jobName)",
            "#SBATCH --array=\(array)",
            "#SBATCH --cpus-per-task=1",
            "#SBATCH --output=\(logDirectory)/task-%a.log",
            "#SBATCH --chdir=\(workingDirectory)",
        ]
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let timeLimit { lines.append("#SBATCH --time=\(timeLimit)") }
        lines += [
            "# Written by memgen-book: each task trains one share of the runs listed in the keys file into",
            "# the shared cache, then records its exit status. Submit with: sbatch THIS-FILE",
            "set -u",
            "\(shellQuoted(executable)) run --chapters \(shellQuoted(chapters)) --cache \(shellQuoted(cache)) --profile \(shellQuoted(profile)) --no-frozen \\",
            "  --keys \(shellQuoted(keysFile)) --shard \"$SLURM_ARRAY_TASK_ID/\(tasks)\"",
            "status=$?",
            "echo \"$status\" > \(shellQuoted(logDirectory))/task-\"$SLURM_ARRAY_TASK_ID\".status",
            "exit \"$status\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` in single quotes for the shell (a `'` becomes `'\''`).
    func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
