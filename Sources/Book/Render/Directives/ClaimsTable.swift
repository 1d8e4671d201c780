/// The table of every claim with its verdict: on the reproducibility page and wherever a chapter
/// places a `claims` directive.
enum ClaimsTable {
    /// Rows in book order: claim (linked, with its chapter), the paper's statement, the check, what was
    /// measured, verdict; above them, how many claims have each verdict.
    /// The paper's words and the check are rendered as on the home page: cross-references carry
    /// their page and citations point at the bibliography page, since the table stands on pages
    /// whose own reference lists do not hold the works it cites.
    static func html(_ verdicts: ClaimVerdicts, index: BookIndex) -> String {
        let claims = verdicts.judged
        guard !claims.isEmpty else { return "<p>The book states no claims.</p>\n" }
        var html = "<p class=\"verdict-counts\">" + ClaimOutcome.Verdict.allCases.map { v in
            "<span class=\"\(v.cssClass)\"><span class=\"verdict\">\(v.rawValue.htmlEscaped)</span></span>: \(verdicts.count(v))"
        }.joined(separator: " · ") + "</p>\n"
        html += "<div class=\"table-scroll\"><table class=\"claims-index\">\n<thead><tr><th>claim</th><th>paper</th><th>our check</th><th>measured</th><th>verdict</th></tr></thead>\n<tbody>\n"
        for (k, outcome) in claims {
            html += "<tr class=\"\(outcome.verdict.cssClass)\"><td><a href=\"\(k.chapter.slug).html#\(k.target.anchor.htmlEscaped)\">Claim \(k.target.number)</a>"
            html += "<span class=\"chapter\">\(k.chapter.numberedTitle.htmlEscaped)</span></td>"
            html += "<td>\(InlineText.html(k.claim.paper, index: index, from: "index"))</td><td>\(InlineText.html(k.claim.statement, index: index, from: "index"))</td>"
            html += "<td>\(outcome.measured.map(\.htmlEscaped).joined(separator: "<br>"))</td>"
            html += "<td><span class=\"verdict\">\(outcome.verdict.rawValue.htmlEscaped)</span></td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}
