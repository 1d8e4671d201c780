import ArgumentParser
import Book

/// `memgen-book verify`: retrain committed runs from scratch and compare them with the report.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Retrain committed runs from scratch and compare them with the results in <output>/data.",
        discussion: """
        Each selected run is trained into a temporary cache (the cache and the committed results are not used) and compared with the committed result bit for bit, apart from wall-clock timing (provenance wallSeconds and metrics named seconds, seconds-…, …-seconds). Prints every difference; exits 1 on any difference, any run missing from the committed results, or any failed run.
        """)

    @OptionGroup var paths: BookPaths

    @Flag(help: "Every run the chapters plan (the default).")
    var all = false

    @Option(help: "Only the runs of experiments defined in this chapter file (e.g. 01-random-labels.md).")
    var chapter: String?

    @Option(help: "Only N runs drawn at random (the same N every time).")
    var sample: Int?

    @Option(name: .shortAndLong, help: "Runs trained at once.")
    var jobs = 1

    func validate() throws {
        guard [all, chapter != nil, sample != nil].filter({ $0 }).count <= 1 else {
            throw ValidationError("choose at most one of --all, --chapter and --sample")
        }
        if let sample, sample < 1 { throw ValidationError("--sample must be at least 1, got \(sample)") }
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    }

    func run() throws {
        let selection: VerifySelection = chapter.map { .chapter($0) } ?? sample.map { .sample($0) } ?? .all
        try finish(BookBuilder(options: paths.options(jobs: jobs)).verify(selection))
    }
}
