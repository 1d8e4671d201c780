import Foundation
import TrainingCore

/// Which committed runs `memgen-book verify` retrains.
public enum VerifySelection: Sendable, Equatable {
    /// Every run the chapters plan.
    case all
    /// The runs of experiments defined in one chapter file (`01-random-labels.md`).
    case chapter(String)
    /// `n` runs drawn at random (the same `n` runs every time: the draw has a fixed seed).
    case sample(Int)
}

extension BookStages {
    /// Retrains the selected runs from scratch (the build's cache is a fresh temporary folder) and
    /// compares each result with the committed one in `committed` (an output folder's `data/`),
    /// bit for bit apart from timing (``ResultComparison``). Any difference, any run missing from
    /// the committed results, and any run that fails is an error.
    static func verify(_ s: BuildState, selection: VerifySelection, committed: URL) throws {
        let frozen = FrozenResults(directory: committed, profile: s.options.profile)
        guard !frozen.results.isEmpty || !frozen.rejected.isEmpty else {
            throw BookError("no committed results in \(BuildState.display(committed))/: build the report first")
        }
        var runs = s.misses
        switch selection {
        case .all: break
        case .chapter(let name):
            let file = (name as NSString).lastPathComponent
            runs = runs.filter { run in
                let location = s.index.experiments[run.experiment]!.location.file
                return (location as NSString).lastPathComponent == file
            }
            guard !runs.isEmpty else {
                let chapters = s.config.chapters.joined(separator: ", ")
                throw BookError("verify --chapter \(name): no experiment is defined in a chapter of that name (chapters: \(chapters))")
            }
        case .sample(let n):
            var rng = SeededGenerator(seed: 1)
            runs = Array(rng.permutation(runs.count).prefix(n).sorted().map { runs[$0] })
        }
        let rejected = frozen.rejected.filter { $0.contains("checksum") || $0.contains("another key") }
        for line in rejected { s.summary.errors.append("verify: \(line)"); s.log.error("  REJECTED \(line)") }
        let committedRuns = runs.filter { frozen.result(for: $0.key) != nil }
        for run in runs where frozen.result(for: run.key) == nil {
            let message = "verify: \(run.displayName): not in the committed results (the chapter changed since the report was built, or it was never committed)"
            s.summary.errors.append(message)
            s.log.error("  MISSING \(run.displayName)")
        }
        s.log.info("  retraining \(committedRuns.count) committed runs from scratch (\(s.options.jobs) at a time)")
        let scheduler = RunScheduler(jobs: max(1, s.options.jobs), cache: ResultCache(directory: s.options.cacheDirectory), log: s.log)
        let outcome = scheduler.execute(committedRuns, context: s.context)
        var identical = 0, differing = 0
        for run in committedRuns {
            guard let retrained = outcome.results[run.key] else { continue }
            let differences = ResultComparison.differences(committed: frozen.result(for: run.key)!, retrained: retrained)
            if differences.isEmpty {
                identical += 1
            } else {
                differing += 1
                s.summary.errors.append("verify: \(run.displayName) differs: " + differences.joined(separator: "; "))
                s.log.error("  DIFFERS \(run.displayName)\n" + differences.map { "      \($0)" }.joined(separator: "\n"))
            }
        }
        for (run, message) in outcome.failures {
            s.summary.errors.append("verify: \(run.displayName) failed: \(message)")
        }
        s.summary.trainedRuns = outcome.trained.count
        s.summary.failedRuns = outcome.failures.count
        s.log.info("verify: \(identical) of \(runs.count) runs identical to the committed results"
                   + (differing > 0 ? ", \(differing) differ" : "")
                   + (runs.count - committedRuns.count > 0 ? ", \(runs.count - committedRuns.count) not committed" : "")
                   + (outcome.failures.isEmpty ? "" : ", \(outcome.failures.count) failed"))
    }
}
