import Foundation
import TrainingCore

/// Runs cache misses on a fixed pool of `jobs` threads and stores each result as soon as it is done.
/// OpenBLAS uses one thread per run whatever `jobs` is: its multi-threaded kernels split sums
/// differently, and a result must not depend on how many runs happened to share the machine.
struct RunScheduler {
    var jobs: Int
    var cache: ResultCache
    var log: BuildLog

    /// Runs `runs`; returns results by key, and the failures (run name, error) of runs that threw.
    func execute(_ runs: [PlannedRun], context: RunContext) -> (results: [String: RunResult], failures: [(PlannedRun, String)]) {
        let state = SchedulerState(runs: runs)
        guard !runs.isEmpty else { return ([:], []) }
        let progress = ProgressDisplay(total: runs.count, log: log)
        let previousThreads = BLAS.threads
        let blasThreads = 1
        BLAS.threads = blasThreads
        defer { BLAS.threads = previousThreads }
        let workers = min(jobs, runs.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            group.enter()
            let thread = Thread {
                while let run = state.next() {
                    let name = run.displayName
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
                        state.finish(run, result: result)
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
        return (state.results, state.failures)
    }
}

/// The shared queue and results of one scheduling (guarded by a lock).
private final class SchedulerState: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [PlannedRun]
    private(set) var results: [String: RunResult] = [:]
    private(set) var failures: [(PlannedRun, String)] = []

    init(runs: [PlannedRun]) { pending = runs.reversed() }

    func next() -> PlannedRun? {
        lock.lock(); defer { lock.unlock() }
        return pending.popLast()
    }

    func finish(_ run: PlannedRun, result: RunResult) {
        lock.lock(); defer { lock.unlock() }
        results[run.key] = result
    }

    func fail(_ run: PlannedRun, message: String) {
        lock.lock(); defer { lock.unlock() }
        failures.append((run, message))
    }
}
