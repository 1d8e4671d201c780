import ArgumentParser
import Book
import Foundation

/// `memgen-book run --shard I/N`: trains one share of the missing runs into the cache and exits.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train one share of the missing runs into the cache (the unit of work a scheduler starts).",
        discussion: """
        The runs are cut into N shards of about equal estimated cost, longest runs first; shard I (from 0, like Slurm's array task ids) is trained. With --keys the runs are those of the file (as `build --executor slurm` writes it: key, estimated seconds, name per line), so every task of an array cuts the same shards however far the others have got; without, the runs missing when the command starts. Renders nothing.
        """)

    @OptionGroup var paths: BookPaths

    @Option(help: "The share to train, I/N (I from 0).", transform: { try Shard(parsing: $0) })
    var shard: Shard = try! Shard(index: 0, count: 1)

    @Option(help: "A file of run keys (one per line, optionally with estimated seconds and a name, tab-separated).")
    var keys: String?

    @Option(name: .shortAndLong, help: "Runs trained at once.")
    var jobs = 1

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    }

    func run() throws {
        try finish(BookBuilder(options: paths.options(jobs: jobs)).runShard(shard, keys: keys.map { URL(fileURLWithPath: $0) }))
    }
}
