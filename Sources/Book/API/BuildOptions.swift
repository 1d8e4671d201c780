import Foundation

/// How much work each experiment does.
public enum Profile: String, Sendable, CaseIterable {
    /// The experiments as written.
    case full
    /// Shrunken experiments for drafting and tests; pages are marked and claims are not judged.
    case quick
}

/// Everything a build, check or list needs to know.
public struct BuildOptions: Sendable {
    /// The folder of the chapters and `book.yml`.
    public var chaptersDirectory: URL
    /// The folder the report is written to.
    public var outputDirectory: URL
    /// The folder of the result cache.
    public var cacheDirectory: URL
    /// Runs trained at once (a fixed pool of threads).
    public var jobs: Int
    /// Exit non-zero (2) when a claim is not replicated or inconclusive.
    public var strict: Bool
    /// Full experiments, or shrunk ones for drafting.
    public var profile: Profile
    /// The committed results (an output folder's `data/`), reused beneath the cache as a read-only
    /// layer when their keys match (see ``FrozenResults``); nil: none (the library's default; the
    /// command line reads `<output>/data` unless `--no-frozen`).
    public var frozenResults: URL?
    /// Chapter files to build (`01-random-labels.md`); empty: the whole book. Only their experiments
    /// train and only their pages are written; other pages are left as they are.
    public var chapterSelection: [String] = []
    /// The experiment kinds (`ExperimentRegistry.standard` plus any a test adds).
    public var kinds: [any ExperimentKind]
    /// Where messages go: nil prints lines to stdout/stderr; tests pass a closure (line, isError).
    public var capture: (@Sendable (String, Bool) -> Void)?

    /// Options with the command line's defaults, relative to the current folder.
    public init(chaptersDirectory: URL = URL(fileURLWithPath: "Chapters"),
                outputDirectory: URL = URL(fileURLWithPath: "Output"),
                cacheDirectory: URL = URL(fileURLWithPath: ".cache/memgen"),
                jobs: Int = 1, strict: Bool = false, profile: Profile = .full,
                frozenResults: URL? = nil,
                kinds: [any ExperimentKind] = ExperimentRegistry.standard,
                capture: (@Sendable (String, Bool) -> Void)? = nil) {
        self.chaptersDirectory = chaptersDirectory
        self.outputDirectory = outputDirectory
        self.cacheDirectory = cacheDirectory
        self.jobs = jobs
        self.strict = strict
        self.profile = profile
        self.frozenResults = frozenResults
        self.kinds = kinds
        self.capture = capture
    }
}
