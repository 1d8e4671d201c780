import Foundation

/// The stages of `build`, `check` and `list`, in order.
enum BookStages {
    static func readConfig(_ s: BuildState) throws {
        s.config = try BookConfig.load(directory: s.options.chaptersDirectory, displayDirectory: s.displayChapters)
        guard !s.config.chapters.isEmpty else {
            throw BookError("no chapters: \(s.displayChapters)/ has no .md files and book.yml lists none")
        }
    }

    static func parseChapters(_ s: BuildState) throws {
        var number = 0
        for name in s.config.chapters {
            let url = s.options.chaptersDirectory.appendingPathComponent(name)
            let file = "\(s.displayChapters)/\(name)"
            guard let data = FileManager.default.contents(atPath: url.path) else {
                s.report(Diagnostic(file: "\(s.displayChapters)/book.yml", line: 1, column: 1, message: "chapter '\(name)' is listed but \(file) cannot be read"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                let offset = BookStages.firstInvalidUTF8(data)
                s.report(Diagnostic(file: file, line: offset.line, column: offset.column, message: "the chapter is not valid UTF-8 text (first bad byte here); save it as UTF-8"))
                continue
            }
            let frontMatter = s.config.frontMatter.contains(name)
            if !frontMatter { number += 1 }
            let slug = String(name.dropLast(3))
            s.sources[slug] = text
            s.chapters.append(Chapter.parse(text: text, file: file, slug: slug, number: frontMatter ? 0 : number, kinds: s.options.kinds))
        }
        // `extends:` needs every experiment's body: chapters that use it are parsed again with them.
        let extending = s.chapters.indices.filter { s.chapters[$0].directives.contains(where: \.usesExtends) }
        let bodies = extending.isEmpty ? [:] : experimentBodies(s.chapters)
        for i in extending {
            let chapter = s.chapters[i]
            s.chapters[i] = Chapter.parse(text: s.sources[chapter.slug]!, file: chapter.file, slug: chapter.slug,
                                          number: chapter.number, kinds: s.options.kinds, experiments: bodies)
        }
        for chapter in s.chapters {
            for placed in chapter.directives {
                if case .failed(_, let d) = placed.directive { s.report(d) }
            }
        }
        s.summary.chapters = s.chapters.count
    }

    /// The YAML body of every experiment directive (valid or not) by its `id`.
    static func experimentBodies(_ chapters: [Chapter]) -> [String: YAMLNode] {
        var bodies: [String: YAMLNode] = [:]
        for chapter in chapters {
            for placed in chapter.directives {
                switch placed.directive {
                case .experiment, .failed(kind: "experiment", _):
                    guard let node = try? YAMLNode.parse(placed.body), case .scalar(let id, _)? = node["id"]?.value.kind,
                          bodies[id] == nil else { continue }
                    bodies[id] = node
                default: continue
                }
            }
        }
        return bodies
    }

    static func firstInvalidUTF8(_ data: Data) -> (line: Int, column: Int) {
        let bytes = [UInt8](data)
        var line = 1, lineStart = 0, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            if length == 0 || i + length > bytes.count || String(bytes: bytes[i..<(i + length)], encoding: .utf8) == nil {
                return (line, i - lineStart + 1)
            }
            if b == 10 { line += 1; lineStart = i + 1 }
            i += length
        }
        return (line, 1)
    }

    static func index(_ s: BuildState) throws {
        var diagnostics: [Diagnostic] = []
        s.index = BookIndex.build(&s.chapters, diagnostics: &diagnostics)
        diagnostics.forEach(s.report)
        readBibliography(s)
    }

    static func plan(_ s: BuildState) throws {
        let cache = ResultCache(directory: s.options.cacheDirectory)
        AtomicFile.removeLeftovers(under: s.options.cacheDirectory)
        RunClaim.removeStale(in: s.options.cacheDirectory)
        let frozen = s.options.frozenResults.map { FrozenResults(directory: $0, profile: s.options.profile) }
        if let frozen, !frozen.rejected.isEmpty {
            s.log.info("  committed results: \(frozen.rejected.count) not used (they will be retrained): "
                       + frozen.rejected.prefix(3).joined(separator: "; ") + (frozen.rejected.count > 3 ? "; …" : ""))
        }
        s.committedSeconds = frozen?.wallSeconds
        var seen: Set<String> = []
        for id in s.index.experiments.keys.sorted() {
            let e = s.index.experiments[id]!
            do {
                let runs = try ExperimentPlan.runs(of: e, quick: s.quick, paper: s.options.profile == .paper, coreVersion: TrainingCoreVersion.current, context: s.context)
                s.plan[id] = runs
                for run in runs where !seen.contains(run.key) {
                    seen.insert(run.key)
                    let lookup = cache.lookup(run.key)
                    if case .hit(let result) = lookup {
                        s.results[run.key] = result
                    } else if let result = frozen?.result(for: run.key) {
                        s.results[run.key] = result
                        s.summary.frozenRuns += 1
                        try? cache.store(result)   // the next build finds it in the cache
                    } else {
                        if case .corrupt(let why) = lookup {
                            s.log.info("cache: entry for \(run.displayName) is corrupt (\(why)); it will be re-run")
                        }
                        s.misses.append(run)
                    }
                }
            } catch {
                let d = e.location.diagnostic("experiment '\(id)' cannot be planned: \(error)")
                s.report(d)
                s.planFailures[id] = d.description
            }
        }
        s.summary.plannedRuns = seen.count
        s.summary.cachedRuns = s.results.count
    }

    /// Resolves the chapters named on the command line and keeps only their runs to train.
    static func select(_ s: BuildState) throws {
        var selection = try ChapterSelection(names: s.options.chapterSelection, chapters: s.chapters, index: s.index)
        let skipped = s.misses.filter { !selection.experiments.contains($0.experiment) }.count
        selection.othersComplete = skipped == 0
        s.selection = selection
        s.misses.removeAll { !selection.experiments.contains($0.experiment) }
        s.log.info("  building \(selection.slugs.sorted().map { "\($0).md" }.joined(separator: ", ")) only"
                   + (skipped > 0 ? " (\(skipped) runs of other chapters not trained; the search index, printable book, "
                                    + "bibliography, contents and reproducibility pages are left as they were)"
                                  : " (with the search index, printable book, bibliography, contents and reproducibility pages)"))
    }

    static func train(_ s: BuildState) throws {
        guard !s.misses.isEmpty else {
            s.log.info("  nothing to train: all \(s.summary.plannedRuns) runs are cached")
            return
        }
        s.log.info("  \(s.misses.count) of \(s.summary.plannedRuns) runs to train (\(s.options.jobs) at a time)")
        var history: [String: [Double]] = [:]
        for result in s.results.values { history[result.provenance.experiment, default: []].append(result.provenance.wallSeconds) }
        // The committed runs' times, read here (only when something trains) if `plan` did not read them.
        let committed = s.committedSeconds ?? FrozenResults(directory: s.options.outputDirectory.appendingPathComponent("data"),
                                                            profile: s.options.profile).wallSeconds
        for (experiment, seconds) in committed where history[experiment] == nil { history[experiment] = seconds }
        let scheduler = RunScheduler(jobs: max(1, s.options.jobs), cache: ResultCache(directory: s.options.cacheDirectory),
                                     log: s.log, history: history)
        let outcome = scheduler.execute(s.misses, context: s.context)
        for (key, result) in outcome.results { s.results[key] = result }
        for (run, message) in outcome.failures {
            s.runFailures[run.key] = message
            let e = s.index.experiments[run.experiment]!
            s.report(e.location.diagnostic("run \(run.displayName) failed: \(message)"))
        }
        s.summary.trainedRuns = outcome.trained.count
        s.summary.cachedRuns += outcome.results.count - outcome.trained.count
        s.summary.failedRuns = outcome.failures.count
    }

    /// Judges every claim on its results, before any page is drawn; counts the verdicts for the summary.
    static func judge(_ s: BuildState) throws {
        s.verdicts = ClaimVerdicts.judge(chapters: s.chapters, index: s.index, quick: s.quick, minSeeds: s.config.minSeeds,
                                         results: s.completeResults)
        s.verdicts.diagnostics.forEach(s.report)
        for (k, outcome) in s.verdicts.judged where outcome.verdict == .notReplicated || outcome.verdict == .inconclusive {
            s.log.info("claim \(k.target.number) (\(k.claim.location.file):\(k.claim.location.line)) \(outcome.verdict.rawValue): \(outcome.measured.joined(separator: "; "))")
        }
        s.summary.claimsReplicated = s.verdicts.count(.replicated)
        s.summary.claimsNotReplicated = s.verdicts.count(.notReplicated)
        s.summary.claimsInconclusive = s.verdicts.count(.inconclusive)
        s.summary.claimsNotJudged = s.verdicts.count(.notJudged)
    }

    static func render(_ s: BuildState) throws {
        let site = try SiteRenderer(state: s).render()
        s.files = site.files
        site.diagnostics.forEach(s.report)
    }

    static func write(_ s: BuildState) throws {
        if let selection = s.selection { s.files = s.files.filter { selection.contains(path: $0.key) } }
        s.summary.filesWritten = try OutputWriter(directory: s.options.outputDirectory).write(s.files, partial: s.selection != nil)
        s.log.info("  \(s.files.count) files in \(BuildState.display(s.options.outputDirectory))/ (\(s.summary.filesWritten.count) changed)")
    }
}

extension BookStages {
    static func list(_ s: BuildState) throws {
        let estimates = ClusterStages.runPlan(s)
        for id in s.index.experiments.keys.sorted(by: { a, b in
            let ea = s.index.experiments[a]!.location, eb = s.index.experiments[b]!.location
            return (ea.file, ea.line) < (eb.file, eb.line)
        }) {
            let e = s.index.experiments[id]!
            guard let runs = s.plan[id] else { s.log.info("\(id): cannot be planned"); continue }
            let cached = runs.filter { s.results[$0.key] != nil }
            let seconds = cached.map { s.results[$0.key]!.provenance.wallSeconds }.reduce(0, +)
            var cost = "cached runs took \(String(format: "%.1f", seconds)) s"
            if cached.count < runs.count {
                let keys = Set(runs.map(\.key))
                cost += "; about \(RunPlan.duration(estimates.missing.filter { keys.contains($0.key) }.map(\.seconds).reduce(0, +))) to train the rest"
            }
            s.log.info("\(id)  [\(e.kind.name)]  \(e.location.file):\(e.location.line)  \(runs.count) runs, \(cached.count) cached, \(runs.count - cached.count) to train; \(cost)")
            for run in runs {
                s.log.info("    \(s.results[run.key] == nil ? "missing" : "cached ")  \(run.displayName)  \(run.key.prefix(12))")
            }
        }
        s.log.info(estimates.lines.last!)
    }
}
