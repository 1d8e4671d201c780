import Foundation

/// The book as it passes through the stages: config, chapters, index, plan, results, files.
final class BuildState {
    let options: BuildOptions
    let log: BuildLog
    var summary = BuildSummary()
    var config = BookConfig(title: "", subtitle: "", introduction: "", chapters: [], allowHTML: false)
    var chapters: [Chapter] = []
    var sources: [String: String] = [:]     // slug → chapter text
    var diagnostics: [Diagnostic] = []
    var index = BookIndex()
    /// Runs per experiment id, in plan order.
    var plan: [String: [PlannedRun]] = [:]
    /// Experiments whose runs could not be planned (message shown where they are used).
    var planFailures: [String: String] = [:]
    var results: [String: RunResult] = [:]
    var misses: [PlannedRun] = []
    /// Wall seconds of the committed runs per experiment, whatever their keys (the time estimate's
    /// fallback when the cache knows nothing of an experiment, as after a core version change);
    /// nil until read (`plan` reads them with the committed results it reuses).
    var committedSeconds: [String: [Double]]?
    var runFailures: [String: String] = [:]   // key → message
    /// Every claim's verdict, judged before rendering.
    var verdicts = ClaimVerdicts()
    /// Output files by path relative to the output folder.
    var files: [String: Data] = [:]
    /// The chapters named on the command line (nil: the whole book).
    var selection: ChapterSelection?
    let context: RunContext

    init(options: BuildOptions) {
        self.options = options
        self.context = RunContext(digestStore: options.cacheDirectory.appendingPathComponent("digests"))
        self.log = BuildLog(capture: options.capture)
        summary.strict = options.strict
    }

    var quick: Bool { options.profile == .quick }

    /// The chapters folder as shown in messages (relative when under the current folder).
    var displayChapters: String { BuildState.display(options.chaptersDirectory) }

    static func display(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let path = url.standardizedFileURL.path
        if path.hasPrefix(cwd + "/") { return String(path.dropFirst(cwd.count + 1)) }
        return path
    }

    /// Records and prints a chapter error.
    func report(_ d: Diagnostic) {
        diagnostics.append(d)
    }

    /// Every run of experiment `id` that failed while training: `run NAME (file:line) failed: message`.
    func failures(of id: String) -> [String] {
        guard let e = index.experiments[id], let runs = plan[id] else { return [] }
        return runs.compactMap { run in
            runFailures[run.key].map { "run \(run.displayName) (\(e.location.file):\(e.location.line)) failed: \($0)" }
        }
    }

    /// The results of one experiment (runs with results only).
    func resultSet(_ id: String) -> ResultSet? {
        guard let e = index.experiments[id], let runs = plan[id] else { return nil }
        return ResultSet(experiment: e, runs: runs.compactMap { run in results[run.key].map { (run, $0) } })
    }
}
