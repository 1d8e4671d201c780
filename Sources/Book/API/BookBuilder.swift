import Foundation

/// The book engine's entry points: `build`, `check`, `list`, `clean`.
///
/// ```swift
/// let summary = BookBuilder(options: BuildOptions(jobs: 2)).build()
/// exit(summary.exitCode)
/// ```
public struct BookBuilder: Sendable {
    /// The folders, profile, jobs and kinds of this build.
    public var options: BuildOptions

    /// A builder for `options`.
    public init(options: BuildOptions) { self.options = options }

    /// Parses, trains what the cache lacks, renders, and writes the output folder.
    public func build() -> BuildSummary {
        let selecting = options.chapterSelection.isEmpty ? [] : [BuildStage(name: "select chapters", body: BookStages.select)]
        return run([
            BuildStage(name: "read book config", body: BookStages.readConfig),
            BuildStage(name: "parse chapters", body: BookStages.parseChapters),
            BuildStage(name: "resolve references", body: BookStages.index),
            BuildStage(name: "plan runs", body: BookStages.plan),
        ] + selecting + [
            BuildStage(name: "train", body: BookStages.train),
            BuildStage(name: "judge claims", body: BookStages.judge),
            BuildStage(name: "render pages", body: BookStages.render),
            BuildStage(name: "write output", body: BookStages.write),
        ])
    }

    /// Validates every chapter and plans every run, without training or writing.
    public func check() -> BuildSummary {
        run([
            BuildStage(name: "read book config", body: BookStages.readConfig),
            BuildStage(name: "parse chapters", body: BookStages.parseChapters),
            BuildStage(name: "resolve references", body: BookStages.index),
            BuildStage(name: "plan runs", body: BookStages.plan),
            BuildStage(name: "check references in prose", body: { s in try BookStages.judge(s); try BookStages.render(s); s.files = [:] }),
        ])
    }

    /// Retrains the selected runs from scratch into a temporary cache and compares each with the
    /// committed result in `<output>/data` (bit for bit apart from timing); errors on any difference.
    public func verify(_ selection: VerifySelection = .all) -> BuildSummary {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var fresh = options
        fresh.cacheDirectory = scratch
        fresh.frozenResults = nil
        let committed = options.outputDirectory.appendingPathComponent("data")
        return BookBuilder(options: fresh).run([
            BuildStage(name: "read book config", body: BookStages.readConfig),
            BuildStage(name: "parse chapters", body: BookStages.parseChapters),
            BuildStage(name: "resolve references", body: BookStages.index),
            BuildStage(name: "plan runs", body: BookStages.plan),
            BuildStage(name: "retrain and compare", body: { try BookStages.verify($0, selection: selection, committed: committed) }),
        ])
    }

    /// Lists every experiment with its runs, cache state and cost.
    public func list() -> BuildSummary {
        run([
            BuildStage(name: "read book config", body: BookStages.readConfig),
            BuildStage(name: "parse chapters", body: BookStages.parseChapters),
            BuildStage(name: "resolve references", body: BookStages.index),
            BuildStage(name: "plan runs", body: BookStages.plan),
            BuildStage(name: "list", body: BookStages.list),
        ])
    }

    /// Removes the output folder's generated files, and with `cache` also the cache's run entries.
    public func clean(cache alsoCache: Bool = false) -> BuildSummary {
        run([
            BuildStage(name: "clean", body: { s in
                let removed = try OutputWriter(directory: s.options.outputDirectory).removeGenerated()
                s.log.info("  removed \(removed) generated files from \(BuildState.display(s.options.outputDirectory))/")
                guard alsoCache else { return }
                let cache = ResultCache(directory: s.options.cacheDirectory)
                let (entries, bytes) = cache.usage()
                try cache.clear()
                s.log.info("  removed \(entries) cached runs (\(bytes / 1024) KiB) from \(BuildState.display(s.options.cacheDirectory))")
            }),
        ])
    }

    /// Removes cached runs that no experiment of the book plans any more (under either profile).
    public func collectGarbage() -> BuildSummary {
        var quick = options
        quick.profile = .quick
        let quickKeys = BookBuilder(options: quick).plannedKeys()
        return run([
            BuildStage(name: "read book config", body: BookStages.readConfig),
            BuildStage(name: "parse chapters", body: BookStages.parseChapters),
            BuildStage(name: "resolve references", body: BookStages.index),
            BuildStage(name: "plan runs", body: BookStages.plan),
            BuildStage(name: "remove unused runs", body: { s in
                guard s.planFailures.isEmpty, s.diagnostics.isEmpty, let quickKeys else {
                    throw BookError("the book has errors (run 'memgen-book check'): cache gc removes nothing while some runs cannot be planned")
                }
                let used = Set(s.plan.values.joined().map(\.key)).union(quickKeys)
                let (removed, bytes) = try ResultCache(directory: s.options.cacheDirectory).removeEntries { !used.contains($0) }
                s.log.info("  removed \(removed) cached runs no chapter uses (\(bytes / 1024) KiB); \(used.count) in use are kept")
            }),
        ])
    }

    /// Every run key the book plans under this builder's profile (nil when planning fails).
    func plannedKeys() -> Set<String>? {
        var options = self.options
        options.capture = { _, _ in }
        let state = BuildState(options: options)
        do {
            try BookStages.readConfig(state)
            try BookStages.parseChapters(state)
            try BookStages.index(state)
            try BookStages.plan(state)
        } catch { return nil }
        guard state.planFailures.isEmpty, state.diagnostics.isEmpty else { return nil }
        return Set(state.plan.values.joined().map(\.key))
    }

    func run(_ stages: [BuildStage]) -> BuildSummary {
        let state = BuildState(options: options)
        for (i, stage) in stages.enumerated() {
            state.log.info("[\(i + 1)/\(stages.count)] \(stage.name)")
            do {
                try stage.body(state)
            } catch {
                let message = StageError(stage: stage.name, underlying: error).description
                state.summary.errors.append(message)
                state.diagnostics.forEach { state.summary.errors.append($0.description); state.log.error($0.description) }
                state.log.error("error: \(message)")
                return state.summary
            }
        }
        for d in state.diagnostics {
            state.summary.errors.append(d.description)
            state.log.error(d.description)
        }
        var tail = "done: \(state.summary.chapters) chapters, \(state.summary.plannedRuns) runs (\(state.summary.cachedRuns) cached"
        if state.summary.frozenRuns > 0 { tail += ", \(state.summary.frozenRuns) of them from the committed results" }
        tail += ", \(state.summary.trainedRuns) trained"
        if state.summary.failedRuns > 0 { tail += ", \(state.summary.failedRuns) failed" }
        tail += ")"
        let claims = state.summary.claimsReplicated + state.summary.claimsNotReplicated + state.summary.claimsInconclusive + state.summary.claimsNotJudged
        if claims > 0 {
            tail += "; claims: \(state.summary.claimsReplicated) replicated, \(state.summary.claimsNotReplicated) not replicated, \(state.summary.claimsInconclusive) inconclusive"
            if state.summary.claimsNotJudged > 0 { tail += ", \(state.summary.claimsNotJudged) not judged (quick profile)" }
        }
        if !state.diagnostics.isEmpty { tail += "; \(state.diagnostics.count) error(s)" }
        state.log.info(tail)
        return state.summary
    }
}
