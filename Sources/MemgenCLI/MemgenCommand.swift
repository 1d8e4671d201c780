import ArgumentParser
import Book
import Foundation

/// `memgen-book`: builds the course report from `Chapters/` into `Output/`.
public struct MemgenCommand: ParsableCommand {
    /// The command tree: build (default), check, list, verify, serve, new, init, clean, cache, check-site, pdf.
    public static let configuration = CommandConfiguration(
        commandName: "memgen-book",
        abstract: "Build the memorization-and-generalization course report from Markdown chapters.",
        discussion: """
        Chapters are CommonMark files with fenced directives (experiment, figure, table, claim) whose bodies are YAML. Experiment results are cached by the meaning of the experiment, so editing prose, captions, figures or tables never retrains. See README.md for the directive language.
        """,
        version: "memgen-book \(BookVersion.string)",
        subcommands: [BuildCommand.self, CheckCommand.self, ListCommand.self, VerifyCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self,
                      CleanCommand.self, CacheCommand.self, CheckSiteCommand.self, PDFCommand.self, PlanCommand.self, RunCommand.self],
        defaultSubcommand: BuildCommand.self)

    /// The root command (argument-parser instantiates it).
    public init() {}
}

/// The folders every command works on.
struct BookPaths: ParsableArguments {
    @Option(name: .long, help: "Folder of the chapters and book.yml.")
    var chapters = "Chapters"

    @Option(name: .long, help: "Folder the report is written to.")
    var output = "Output"

    @Option(name: .long, help: "Folder of the result cache.")
    var cache = ".cache/memgen"

    @Option(name: .long, help: "full: experiments as written; quick: shrunk for drafting (pages are marked, claims not judged); paper: sized as in the papers (`paper:` blocks), for a cluster.")
    var profile: ProfileArgument = .full

    @Flag(inversion: .prefixedNo, help: "Reuse the committed results in <output>/data whose keys match (checksums verified) instead of training them.")
    var frozen = true

    func options(jobs: Int = 1, strict: Bool = false) -> BuildOptions {
        let outputURL = URL(fileURLWithPath: output)
        return BuildOptions(chaptersDirectory: URL(fileURLWithPath: chapters), outputDirectory: outputURL,
                            cacheDirectory: URL(fileURLWithPath: cache), jobs: jobs, strict: strict, profile: profile.profile,
                            frozenResults: frozen ? outputURL.appendingPathComponent("data") : nil)
    }
}

/// `--profile full|quick`.
enum ProfileArgument: String, ExpressibleByArgument, CaseIterable {
    case full, quick, paper
    var profile: Profile { Profile(rawValue: rawValue)! }
}

/// Ends the process with the summary's exit code.
func finish(_ summary: BuildSummary) throws {
    if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
}
