import Foundation
import TrainingCore

/// Runs cache misses on a fixed pool of `jobs` threads and stores each result as soon as it is done.
/// OpenBLAS uses one thread per run whatever `jobs` is: its multi-threaded kernels split sums
/// differently, and a result must not depend on how many runs happened to share the machine.
///
/// Each run is trained under a ``RunClaim``: a run another build (or machine) is training is put
/// aside until every unclaimed run has been started, then waited for; when its claim is released
/// the result is read from the cache, or, if the claimant died or failed, trained here.
struct RunScheduler {
    var jobs: Int
    var cache: ResultCache
    var log: BuildLog
    /// Wall times of earlier runs per experiment (the cache's), for the time-remaining estimate.
    var history: [String: [Double]] = [:]

    /// What a scheduling produced: results by key (trained here or by another build meanwhile),
    /// the keys trained here, and the failures (run, error) of runs that threw.
    struct Outcome {
        var results: [String: RunResult]
        var trained: Set<String>
        var failures: [(PlannedRun, String)]
    }

    /// Runs `runs` (each under its claim) and returns what they produced.
    func execute(_ runs: [PlannedRun], context: RunContext) -> Outcome {
        let state = SchedulerState(runs: runs)
        guard !runs.isEmpty else { return Outcome(results: [:], trained: [], failures: []) }
        let progress = ProgressDisplay(runs: runs.map { ($0.displayName, $0.experiment) }, jobs: jobs, history: history, log: log)
        let previousThreads = BLAS.threads
        let blasThreads = 1
        BLAS.threads = blasThreads
        defer { BLAS.threads = previousThreads }
        let workers = min(jobs, runs.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let (run, deferred) = state.next() {
                    let name = run.displayName
                    let claim: RunClaim?
                    do {
                        if let free = try RunClaim.tryClaim(run.key, in: cache.directory) {
                            claim = free
                        } else if !deferred {
                            state.putAside(run)
                            continue
                        } else {
                            progress.waiting(name, holder: RunClaim.holder(of: run.key, in: cache.directory))
                            claim = try RunClaim.claim(run.key, in: cache.directory)
                        }
                    } catch {
                        log.info("cache: \(error); training \(name) without a claim")
                        claim = nil
                    }
                    defer { claim?.release() }
                    if case .hit(let result) = cache.lookup(run.key) {
                        state.finish(run, result: result, trained: false)
                        progress.reused(name)
                        continue
                    }
                    progress.started(name)
                    let runContext = context.forRun { progress.update(name, $0) }
                    let started = Date()
                    do {
                        let measured = try run.kind.run(run.spec, seed: run.seed, context: runContext)
                        let seconds = Date().timeIntervalSince(started)
                        let result = RunResult(measurements: measured, provenance: Provenance(
                            experiment: run.experiment, kind: run.kind.name, spec: run.canonicalSpec, key: run.key,
                            seed: run.seed, coreVersion: run.coreVersion, kindVersion: run.kind.version,
                            dataDigest: run.dataDigest, wallSeconds: (seconds * 1000).rounded() / 1000,
                            threads: blasThreads, blasCore: BLAS.coreName))
                        do { try cache.store(result) } catch { log.error("cache: cannot store \(name): \(error)") }
                        state.finish(run, result: result, trained: true)
                        progress.finished(name, seconds: seconds)
                    } catch {
                        state.fail(run, message: "\(error)")
                        progress.finished(name, seconds: Date().timeIntervalSince(started), failed: "\(error)")
                    }
                }
                group.leave()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        group.wait()
        progress.close()
        return Outcome(results: state.results, trained: state.trained, failures: state.failures)
    }
}

/// The shared queue and results of one scheduling (guarded by a lock).
private final class SchedulerState: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [PlannedRun]
    /// Runs claimed elsewhere when first taken: waited for once nothing else is left.
    private var asideRuns: [PlannedRun] = []
    private(set) var results: [String: RunResult] = [:]
    private(set) var trained: Set<String> = []
    private(set) var failures: [(PlannedRun, String)] = []

    init(runs: [PlannedRun]) { pending = runs.reversed() }

    /// The next run, and whether it was put aside before (then its claim is waited for).
    func next() -> (PlannedRun, Bool)? {
        lock.lock(); defer { lock.unlock() }
        if let run = pending.popLast() { return (run, false) }
        if !asideRuns.isEmpty { return (asideRuns.removeFirst(), true) }
        return nil
    }

    func putAside(_ run: PlannedRun) {
        lock.lock(); defer { lock.unlock() }
        asideRuns.append(run)
    }

    func finish(_ run: PlannedRun, result: RunResult, trained wasTrained: Bool) {
        lock.lock(); defer { lock.unlock() }
        results[run.key] = result
        if wasTrained { trained.insert(run.key) }
    }

    func fail(_ run: PlannedRun, message: String) {
        lock.lock(); defer { lock.unlock() }
        failures.append((run, message))
    }
}
