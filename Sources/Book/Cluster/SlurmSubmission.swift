import Foundation

/// How a build submits its missing runs to Slurm (`build --executor slurm`).
public struct SlurmSubmission: Sendable {
    /// The `memgen-book` executable every node runs (a path on the shared file system).
    public var executable: String
    /// `sbatch --partition`, if given.
    public var partition: String?
    /// `sbatch --time`, if given (Slurm's formats: `MM`, `HH:MM:SS`, `D-HH`, …).
    public var timeLimit: String?
    /// Array tasks at once (`--array=0-N%K`); also the number of shards the runs are cut into.
    public var maxParallel: Int
    /// Seconds between two looks at the cache and `squeue` while waiting.
    public var pollSeconds: Double

    /// A submission; see the properties.
    public init(executable: String, partition: String? = nil, timeLimit: String? = nil, maxParallel: Int = 16, pollSeconds: Double = 10) {
        self.executable = executable
        self.partition = partition
        self.timeLimit = timeLimit
        self.maxParallel = maxParallel
        self.pollSeconds = pollSeconds
    }
}
