import Foundation

/// The cluster entry points: `plan` (every run with its state and cost), `run --shard` (one share
/// of the missing runs, the unit of work a scheduler starts) and a build whose training is a Slurm
/// job array.
extension BookBuilder {
    /// Plans every run and estimates its cost; `plan` receives the result when planning succeeded.
    public func plan(_ receive: @escaping (RunPlan) -> Void) -> BuildSummary {
        run(BookBuilder.planningStages + [
            BuildStage(name: "estimate costs", body: { s in receive(ClusterStages.runPlan(s)) }),
        ])
    }

    /// Trains shard `shard` of the missing runs into the cache and renders nothing.
    ///
    /// With `keys` the shard is cut from that file's runs (written by the submitting build, so
    /// every task sees the same list); without, from the runs missing now. Runs already cached
    /// are skipped.
    public func runShard(_ shard: Shard, keys: URL?) -> BuildSummary {
        run(BookBuilder.planningStages + [
            BuildStage(name: "train shard \(shard)", body: { s in try ClusterStages.trainShard(s, shard: shard, keys: keys) }),
        ])
    }

    /// Builds the report with the missing runs trained by a Slurm job array, then renders.
    ///
    /// Two such builds at once submit the same runs twice, but each run trains once: an array task
    /// trains a run only under its claim (``RunClaim``) and reads the other's result from the cache.
    public func build(on slurm: SlurmSubmission) -> BuildSummary {
        let selecting = options.chapterSelection.isEmpty ? [] : [BuildStage(name: "select chapters", body: BookStages.select)]
        return run(BookBuilder.planningStages + selecting + [
            BuildStage(name: "train on Slurm", body: { s in try ClusterStages.trainOnSlurm(s, slurm) }),
            BuildStage(name: "judge claims", body: BookStages.judge),
            BuildStage(name: "render pages", body: BookStages.render),
            BuildStage(name: "write output", body: BookStages.write),
        ])
    }

    /// Writes the batch script (and its keys file) for the missing runs, without submitting.
    public func emitSlurm(_ slurm: SlurmSubmission, to script: URL) -> BuildSummary {
        let selecting = options.chapterSelection.isEmpty ? [] : [BuildStage(name: "select chapters", body: BookStages.select)]
        return run(BookBuilder.planningStages + selecting + [
            BuildStage(name: "write batch script", body: { s in try ClusterStages.emitScript(s, slurm, to: script) }),
        ])
    }

    static var planningStages: [BuildStage] { [
        BuildStage(name: "read book config", body: BookStages.readConfig),
        BuildStage(name: "parse chapters", body: BookStages.parseChapters),
        BuildStage(name: "resolve references", body: BookStages.index),
        BuildStage(name: "plan runs", body: BookStages.plan),
    ] }
}
