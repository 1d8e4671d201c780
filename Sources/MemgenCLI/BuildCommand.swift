import ArgumentParser
import Book

/// `memgen-book build` (the default): parse, train what the cache lacks, render into the output folder.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the report (trains only the runs the cache lacks).")

    @OptionGroup var paths: BookPaths

    @Option(name: .shortAndLong, help: "Experiment runs trained at once (each then uses one BLAS thread).")
    var jobs = 1

    @Flag(help: "Exit non-zero (2) when a claim is not replicated or inconclusive.")
    var strict = false

    @Argument(help: "Build only these chapters (e.g. 01-random-labels.md): their experiments train, their pages are written, other pages are left as they are.")
    var chapterFiles: [String] = []

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 64, got \(jobs)") }
    }

    func run() throws {
        var options = paths.options(jobs: jobs, strict: strict)
        options.chapterSelection = chapterFiles
        try finish(BookBuilder(options: options).build())
    }
}

/// `memgen-book check`: validate every chapter and plan every run, without training.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate every chapter (directives, references) without training or writing.")

    @OptionGroup var paths: BookPaths

    func run() throws {
        try finish(BookBuilder(options: paths.options()).check())
    }
}

/// `memgen-book list`: experiments, their runs, cache state and cost.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List experiments with their runs, cache state and training cost.")

    @OptionGroup var paths: BookPaths

    func run() throws {
        try finish(BookBuilder(options: paths.options()).list())
    }
}

/// `memgen-book clean`: remove generated output (and with `--cache` the cached runs).
struct CleanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Remove the files a build wrote into the output folder (with --cache, also every cached run).")

    @OptionGroup var paths: BookPaths

    @Flag(help: "Also remove every cached run (they are trained again, or taken from committed results).")
    var cache = false

    func run() throws {
        try finish(BookBuilder(options: paths.options()).clean(cache: cache))
    }
}
