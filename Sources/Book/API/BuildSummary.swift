/// What a build did.
public struct BuildSummary: Sendable {
    /// Chapters parsed.
    public var chapters: Int = 0
    /// Runs in the plan, runs found in the cache, runs trained now, runs that failed.
    public var plannedRuns = 0
    /// Runs found in the cache.
    public var cachedRuns = 0
    /// Of the cached runs, those taken from the committed results (``BuildOptions/frozenResults``).
    public var frozenRuns = 0
    /// Runs trained by this build.
    public var trainedRuns = 0
    /// Runs whose training threw.
    public var failedRuns = 0
    /// Every error printed (chapter diagnostics and failures), in order.
    public var errors: [String] = []
    /// Claims whose check held.
    public var claimsReplicated = 0
    /// Claims whose check failed.
    public var claimsNotReplicated = 0
    /// Claims whose interval straddles the threshold, or with too few seeds.
    public var claimsInconclusive = 0
    /// Claims shown but not judged (quick profile).
    public var claimsNotJudged = 0
    /// Files written or changed in the output folder (unchanged files are left alone).
    public var filesWritten: [String] = []
    /// Whether `--strict` was given (claims not replicated or inconclusive then fail the build).
    public var strict = false

    /// 0 when everything succeeded; 1 on errors; 2 under `--strict` when a claim is not replicated or inconclusive.
    public var exitCode: Int32 {
        if !errors.isEmpty { return 1 }
        if strict && claimsNotReplicated + claimsInconclusive > 0 { return 2 }
        return 0
    }
}
