/// Every claim of the book judged on its results, in book order: the stage "judge claims" makes
/// this value before any page is drawn, and claim cards, claims tables and the build summary read it.
struct ClaimVerdicts: Sendable {
    /// What became of one claim.
    enum Judgement: Sendable {
        /// Judged: the verdict and what was measured, and the results it was judged on.
        case judged(ClaimOutcome, ResultSet)
        /// Runs of its experiment are missing; the card shows why (the runs' errors are reported).
        case noResults(MissingResults)
        /// The results cannot answer the claim (no run matches its selection, a value is missing…);
        /// an error at the directive.
        case failed(Diagnostic)
    }

    /// One claim of the book and its judgement.
    struct Entry: Sendable {
        var id: DirectiveID
        /// The chapter the claim stands in (its number, title and page).
        var chapter: Chapter
        /// The claim's number and anchor.
        var target: BookIndex.Target
        var claim: ClaimDirective
        var judgement: Judgement

        /// The outcome, when the claim was judged.
        var outcome: ClaimOutcome? {
            if case .judged(let o, _) = judgement { return o }
            return nil
        }
    }

    /// Every claim that passed validation, in book order (chapters in order, claims in reading order).
    private(set) var entries: [Entry] = []
    private var positions: [DirectiveID: Int] = [:]

    /// The judgement of claim `id`.
    subscript(id: DirectiveID) -> Judgement? {
        positions[id].map { entries[$0].judgement }
    }

    /// The claims that were judged, in book order (the rows of the claims table).
    var judged: [(entry: Entry, outcome: ClaimOutcome)] {
        entries.compactMap { e in e.outcome.map { (e, $0) } }
    }

    /// How many judged claims have `verdict`.
    func count(_ verdict: ClaimOutcome.Verdict) -> Int {
        judged.filter { $0.outcome.verdict == verdict }.count
    }

    /// The problems found while judging, in book order.
    var diagnostics: [Diagnostic] {
        entries.compactMap { e in
            if case .failed(let d) = e.judgement { return d }
            return nil
        }
    }

    /// Judges every claim of `chapters` on the results `results` gives for its experiment.
    /// On the quick profile, values are measured but not judged; `minSeeds` is the book's default.
    static func judge(chapters: [Chapter], index: BookIndex, quick: Bool, minSeeds: Int,
                      results: (String) throws(MissingResults) -> ResultSet) -> ClaimVerdicts {
        var verdicts = ClaimVerdicts()
        for chapter in chapters {
            for placed in chapter.directives {
                guard case .claim(let claim) = placed.directive, let target = index.directiveTargets[placed.id] else { continue }
                let judgement: Judgement
                do throws(MissingResults) {
                    let set = try results(claim.from.value)
                    do throws(SpecIssue) {
                        judgement = .judged(try ClaimOutcome.judge(claim, results: set, quick: quick, minSeeds: minSeeds), set)
                    } catch {
                        judgement = .failed(claim.location.diagnostic(error))
                    }
                } catch {
                    judgement = .noResults(error)
                }
                verdicts.positions[placed.id] = verdicts.entries.count
                verdicts.entries.append(Entry(id: placed.id, chapter: chapter, target: target, claim: claim, judgement: judgement))
            }
        }
        return verdicts
    }
}
