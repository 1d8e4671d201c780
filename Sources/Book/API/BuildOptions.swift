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
    public var chaptersDirectory: URL
    public var outputDirectory: URL
    public var cacheDirectory: URL
    /// Runs trained at once (a fixed pool of threads).
    public var jobs: Int
    /// Exit non-zero when a claim is not replicated.
    public var strict: Bool
    public var profile: Profile
    /// The experiment kinds (`ExperimentRegistry.standard` plus any a test adds).
    public var kinds: [any ExperimentKind]
    /// Where messages go: nil prints lines to stdout/stderr; tests pass a closure (line, isError).
    public var capture: (@Sendable (String, Bool) -> Void)?

    /// Options with the command line's defaults, relative to the current folder.
    public init(chaptersDirectory: URL = URL(fileURLWithPath: "Chapters"),
                outputDirectory: URL = URL(fileURLWithPath: "Output"),
                cacheDirectory: URL = URL(fileURLWithPath: ".cache/memgen"),
                jobs: Int = 1, strict: Bool = false, profile: Profile = .full,
                kinds: [any ExperimentKind] = ExperimentRegistry.standard,
                capture: (@Sendable (String, Bool) -> Void)? = nil) {
        self.chaptersDirectory = chaptersDirectory
        self.outputDirectory = outputDirectory
        self.cacheDirectory = cacheDirectory
        self.jobs = jobs
        self.strict = strict
        self.profile = profile
        self.kinds = kinds
        self.capture = capture
    }
}

/// What a build did.
public struct BuildSummary: Sendable {
    public var chapters: Int = 0
    /// Runs in the plan, runs found in the cache, runs trained now, runs that failed.
    public var plannedRuns = 0
    public var cachedRuns = 0
    public var trainedRuns = 0
    public var failedRuns = 0
    /// Every error printed (chapter diagnostics and failures), in order.
    public var errors: [String] = []
    public var claimsReplicated = 0
    public var claimsNotReplicated = 0
    public var claimsNotJudged = 0
    /// Files written or changed in the output folder (unchanged files are left alone).
    public var filesWritten: [String] = []
    public var strict = false

    /// 0 when everything succeeded; 1 on errors; 2 when only `--strict` claims failed.
    public var exitCode: Int32 {
        if !errors.isEmpty { return 1 }
        if strict && claimsNotReplicated > 0 { return 2 }
        return 0
    }
}
