import Foundation

/// The stages of `plan`, `run --shard` and `build --executor slurm` after the runs are planned.
enum ClusterStages {
    /// Every planned run once (a key shared by two experiments counts once), experiments in
    /// chapter order.
    static func plannedRuns(_ s: BuildState) -> [PlannedRun] {
        let ids = s.index.experiments.keys.sorted { a, b in
            let ea = s.index.experiments[a]!.location, eb = s.index.experiments[b]!.location
            return (ea.file, ea.line, a) < (eb.file, eb.line, b)
        }
        var seen: Set<String> = []
        return ids.flatMap { s.plan[$0] ?? [] }.filter { seen.insert($0.key).inserted }
    }

    /// The cost model calibrated by every result of the book's experiments in the cache (this
    /// plan's and earlier ones: a changed sweep value or kind version still tells the seconds per
    /// unit) and among the committed results.
    static func costModel(_ s: BuildState) -> CostModel {
        let ids = Set(s.index.experiments.keys)
        var history: [CostModel.Observation] = []
        var seen: Set<String> = []
        for r in s.results.values {
            guard let spec = SpecValue(jsonText: r.provenance.spec), seen.insert(r.provenance.key).inserted else { continue }
            history.append(.init(experiment: r.provenance.experiment, kind: r.provenance.kind,
                                 units: SpecWorkload(spec: spec).units, wallSeconds: r.provenance.wallSeconds))
        }
        let runs = s.options.cacheDirectory.appendingPathComponent("runs")
        let cache = ResultCache(directory: s.options.cacheDirectory)
        if let e = FileManager.default.enumerator(at: runs, includingPropertiesForKeys: nil) {
            for case let url as URL in e where url.pathExtension == "json" {
                let key = url.deletingPathExtension().lastPathComponent
                guard !seen.contains(key), case .hit(let r) = cache.lookup(key), ids.contains(r.provenance.experiment),
                      let spec = SpecValue(jsonText: r.provenance.spec) else { continue }
                history.append(.init(experiment: r.provenance.experiment, kind: r.provenance.kind,
                                     units: SpecWorkload(spec: spec).units, wallSeconds: r.provenance.wallSeconds))
            }
        }
        return CostModel(history: history)
    }

    static func runPlan(_ s: BuildState) -> RunPlan {
        let model = costModel(s)
        let entries = plannedRuns(s).map { run -> RunPlan.Entry in
            let workload = SpecWorkload(spec: run.spec)
            if let r = s.results[run.key] {
                return .init(experiment: run.experiment, kind: run.kind.name, name: run.displayName, key: run.key,
                             cached: true, seconds: r.provenance.wallSeconds, source: .measured, units: workload.units)
            }
            let e = model.estimate(experiment: run.experiment, kind: run.kind.name, workload: workload)
            return .init(experiment: run.experiment, kind: run.kind.name, name: run.displayName, key: run.key,
                         cached: false, seconds: e.seconds, source: e.source, units: workload.units)
        }
        return RunPlan(profile: s.options.profile.rawValue, runs: entries)
    }

    static func trainShard(_ s: BuildState, shard: Shard, keys: URL?) throws {
        let items: [ShardPlan.Item]
        var source = "the runs missing now"
        if let keys {
            guard let text = try? String(contentsOf: keys, encoding: .utf8) else { throw BookError("cannot read the keys file \(keys.path)") }
            items = try KeysFile(parsing: text, file: BuildState.display(keys)).items
            source = BuildState.display(keys)
        } else {
            items = runPlan(s).missing.map { ShardPlan.Item(key: $0.key, seconds: $0.seconds) }
        }
        let mine = ShardPlan(items, count: shard.count).shards[shard.index]
        var byKey: [String: PlannedRun] = [:]
        for run in plannedRuns(s) { byKey[run.key] = run }
        var todo: [PlannedRun] = []
        var cached = 0
        for item in mine {
            guard let run = byKey[item.key] else {
                throw BookError("run \(item.key.prefix(12))… of \(source) is not a run of this book (profile \(s.options.profile.rawValue)): the chapters or the code changed after the job was submitted; build again to plan and submit anew")
            }
            if s.results[run.key] != nil { cached += 1 } else { todo.append(run) }
        }
        let seconds = mine.map(\.seconds).reduce(0, +)
        s.log.info("  shard \(shard) of \(source): \(mine.count) runs (\(cached) already cached), about \(RunPlan.duration(seconds))")
        s.misses = todo
        try BookStages.train(s)
    }

    /// The folder, keys file and batch script of a new submission of the missing runs.
    static func prepare(_ s: BuildState, _ slurm: SlurmSubmission) throws -> (folder: URL, keys: KeysFile, script: SlurmBatchScript) {
        let plan = runPlan(s)
        let keys = KeysFile(items: plan.missing.map { .init(key: $0.key, seconds: $0.seconds) },
                            names: Dictionary(plan.missing.map { ($0.key, $0.name) }, uniquingKeysWith: { a, _ in a }))
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let folder = s.options.cacheDirectory.appendingPathComponent("slurm").appendingPathComponent("\(stamp)-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try AtomicFile.write(Data(keys.text.utf8), to: folder.appendingPathComponent("runs.keys"))
        let tasks = max(1, min(slurm.maxParallel, keys.items.count))
        let script = SlurmBatchScript(
            executable: slurm.executable, workingDirectory: FileManager.default.currentDirectoryPath,
            chapters: s.options.chaptersDirectory.standardizedFileURL.path, cache: s.options.cacheDirectory.standardizedFileURL.path,
            profile: s.options.profile.rawValue, keysFile: folder.appendingPathComponent("runs.keys").path,
            logDirectory: folder.path, tasks: tasks, maxParallel: slurm.maxParallel,
            partition: slurm.partition, timeLimit: slurm.timeLimit)
        return (folder, keys, script)
    }

    static func emitScript(_ s: BuildState, _ slurm: SlurmSubmission, to file: URL) throws {
        guard !s.misses.isEmpty else { s.log.info("  nothing to train: all \(s.summary.plannedRuns) runs are cached; no script written"); return }
        let (_, keys, script) = try prepare(s, slurm)
        try AtomicFile.write(Data(script.text.utf8), to: file)
        s.log.info("  \(BuildState.display(file)): \(keys.items.count) runs in \(script.tasks) array tasks (keys: \(script.keysFile)); submit with `sbatch \(BuildState.display(file))`, then run `memgen-book build` to render")
    }

    static func trainOnSlurm(_ s: BuildState, _ slurm: SlurmSubmission) throws {
        guard !s.misses.isEmpty else {
            s.log.info("  nothing to train: all \(s.summary.plannedRuns) runs are cached")
            return
        }
        let (folder, keys, script) = try prepare(s, slurm)
        let scriptURL = folder.appendingPathComponent("job.sh")
        try AtomicFile.write(Data(script.text.utf8), to: scriptURL)
        let job = try SlurmCommands.submit(scriptURL)
        let estimated = keys.items.map(\.seconds).reduce(0, +)
        s.log.info("  submitted \(keys.items.count) of \(s.summary.plannedRuns) runs as Slurm job \(job) (\(script.tasks) array tasks, about \(RunPlan.duration(estimated)) of training); logs in \(BuildState.display(folder))/")
        let cache = ResultCache(directory: s.options.cacheDirectory)
        var lastLine = ""
        var queueErrors = 0
        while true {
            let queue: SlurmQueue
            do { queue = try SlurmCommands.queue(job); queueErrors = 0 } catch {
                queueErrors += 1
                if queueErrors >= 5 { throw error }
                Thread.sleep(forTimeInterval: slurm.pollSeconds)
                continue
            }
            let done = keys.items.filter { if case .hit = cache.lookup($0.key) { return true } else { return false } }.count
            let line = "  job \(job): \(done) of \(keys.items.count) runs in the cache; tasks \(queue.running) running, \(queue.pending) pending, \(script.tasks - queue.states.count) ended"
            if line != lastLine { s.log.info(line); lastLine = line }
            if queue.isEmpty { break }
            Thread.sleep(forTimeInterval: slurm.pollSeconds)
        }
        collect(s, job: job, keys: keys, script: script)
    }

    /// Reads the array's results from the cache; the runs still missing are failures naming their
    /// task and its log, so the next build resubmits exactly them.
    static func collect(_ s: BuildState, job: String, keys: KeysFile, script: SlurmBatchScript) {
        let cache = ResultCache(directory: s.options.cacheDirectory)
        var failedTasks: [Int: String] = [:]
        for task in 0..<script.tasks {
            let status = (try? String(contentsOfFile: script.statusFile(task: task), encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            switch status {
            case "0": continue
            case nil: failedTasks[task] = "was killed or cancelled before it finished (no exit status)"
            case let code?: failedTasks[task] = "exited with status \(code)"
            }
            s.log.error("Slurm task \(job)_\(task) \(failedTasks[task]!); log: \(script.logFile(task: task))")
        }
        let shards = ShardPlan(keys.items, count: script.tasks).shards
        var taskOf: [String: Int] = [:]
        for (i, shard) in shards.enumerated() { for item in shard { taskOf[item.key] = i } }
        var byKey: [String: PlannedRun] = [:]
        for run in plannedRuns(s) { byKey[run.key] = run }
        var trained = 0
        for item in keys.items {
            guard let run = byKey[item.key] else { continue }
            switch cache.lookup(item.key) {
            case .hit(let r):
                s.results[item.key] = r
                trained += 1
            default:
                let task = taskOf[item.key] ?? 0
                let why = failedTasks[task] ?? "ended without storing it"
                let message = "not trained: Slurm task \(job)_\(task) \(why); see \(script.logFile(task: task)) (the next build resubmits it)"
                s.runFailures[item.key] = message
                s.report(s.index.experiments[run.experiment]!.location.diagnostic("run \(run.displayName) failed: \(message)"))
            }
        }
        s.summary.trainedRuns = trained
        s.summary.failedRuns = keys.items.count - trained
        s.log.info("  job \(job) done: \(trained) of \(keys.items.count) runs trained\(failedTasks.isEmpty ? "" : "; \(failedTasks.count) task(s) failed")")
    }
}
