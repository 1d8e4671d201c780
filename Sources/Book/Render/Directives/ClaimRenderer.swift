/// A claim directive as a card coloured by its verdict (judged before rendering): the statement, the
/// paper's words, what was measured, and a provenance line.
struct ClaimRenderer {
    let context: DirectiveContext

    func html(_ k: ClaimDirective, judgement: ClaimVerdicts.Judgement?, chapter: Chapter, target: BookIndex.Target) -> String {
        let outcome: ClaimOutcome, set: ResultSet
        switch judgement {
        case .judged(let o, let results)?: (outcome, set) = (o, results)
        case .noResults(let missing)?: return ErrorCard.html(kind: "claim", message: missing.message)
        case .failed(let d)?: return ErrorCard.html(kind: "claim", message: d.description)
        case nil: return ErrorCard.html(kind: "claim", message: "the claim was not judged")
        }
        var html = "<div class=\"claim \(outcome.verdict.cssClass)\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<div><span class=\"label\">Claim \(target.number).</span> <span class=\"verdict\">\(outcome.verdict.rawValue.htmlEscaped)</span></div>\n"
        if !k.statement.isEmpty { html += "<div class=\"statement\">\(context.inline(k.statement, chapter: chapter))</div>\n" }
        if !k.paper.isEmpty { html += "<div class=\"paper\">Paper: \(context.inline(k.paper, chapter: chapter))</div>\n" }
        html += "<ul class=\"measured\">\n" + outcome.measured.map { "<li>\($0.htmlEscaped)</li>\n" }.joined() + "</ul>\n"
        html += context.provenance(set, dataFile: ExperimentExport.path(set.experiment.id), chapter: chapter)
        return html + "</div>\n"
    }
}
