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
        let lock = BuildLock(cacheDirectory: options.cacheDirectory) { BuildLog(capture: options.capture).info($0) }
        defer { withExtendedLifetime(lock) {} }
        return run([
            BuildStage(name: "read book config", body: BookStages.readConfig),
            BuildStage(name: "parse chapters", body: BookStages.parseChapters),
            BuildStage(name: "resolve references", body: BookStages.index),
            BuildStage(name: "plan runs", body: BookStages.plan),
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

    /// Removes the cache's run entries and the output folder's generated files.
    public func clean() -> BuildSummary {
        run([
            BuildStage(name: "clean", body: { s in
                let cache = ResultCache(directory: s.options.cacheDirectory)
                let (entries, bytes) = cache.usage()
                try cache.clear()
                s.log.info("  removed \(entries) cached runs (\(bytes / 1024) KiB) from \(BuildState.display(s.options.cacheDirectory))")
                let removed = try OutputWriter(directory: s.options.outputDirectory).removeGenerated()
                s.log.info("  removed \(removed) generated files from \(BuildState.display(s.options.outputDirectory))/")
            }),
        ])
    }

    private func run(_ stages: [BuildStage]) -> BuildSummary {
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
        var tail = "done: \(state.summary.chapters) chapters, \(state.summary.plannedRuns) runs (\(state.summary.cachedRuns) cached, \(state.summary.trainedRuns) trained"
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
