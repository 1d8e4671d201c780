import ArgumentParser
import Book
import Foundation

/// `build --executor slurm` and its options.
struct ClusterOptions: ParsableArguments {
    /// Where the missing runs train.
    enum Executor: String, ExpressibleByArgument, CaseIterable { case local, slurm }

    @Option(help: "local: train here; slurm: submit the missing runs as one Slurm job array, wait, render.")
    var executor: Executor = .local

    @Option(help: "Slurm partition (sbatch --partition).")
    var partition: String?

    @Option(help: "Time limit of each array task (sbatch --time, e.g. 2:00:00).")
    var time: String?

    @Option(name: .customLong("max-parallel"), help: "Array tasks at once; the runs are cut into this many shards of equal estimated cost.")
    var maxParallel = 16

    @Option(name: .customLong("emit-slurm"), help: "Write the batch script (and its keys file) for the missing runs to this file instead of building.")
    var emitSlurm: String?

    @Option(name: .customLong("poll-seconds"), help: "Seconds between looks at the cache and squeue while the array runs.")
    var pollSeconds = 10.0

    func validate() throws {
        guard (1...10000).contains(maxParallel) else { throw ValidationError("--max-parallel must be between 1 and 10000, got \(maxParallel)") }
        guard pollSeconds > 0 else { throw ValidationError("--poll-seconds must be positive") }
        if executor == .local, partition != nil || time != nil {
            throw ValidationError("--partition and --time apply to --executor slurm")
        }
    }

    /// The submission, when the build goes to Slurm or writes a script.
    var submission: SlurmSubmission? {
        guard executor == .slurm || emitSlurm != nil else { return nil }
        return SlurmSubmission(executable: ClusterOptions.currentExecutable, partition: partition, timeLimit: time,
                               maxParallel: maxParallel, pollSeconds: pollSeconds)
    }

    /// This process's executable (what the array tasks run; it must be on a shared file system).
    static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// Runs the build the options ask for, or returns nil for a local build.
    func build(_ builder: BookBuilder) -> BuildSummary? {
        guard let submission else { return nil }
        if let emitSlurm { return builder.emitSlurm(submission, to: URL(fileURLWithPath: emitSlurm)) }
        return builder.build(on: submission)
    }
}
