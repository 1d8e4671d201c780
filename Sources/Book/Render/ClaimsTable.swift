/// The table of every claim with its verdict: on the reproducibility page and wherever a chapter
/// places a `claims` directive.
enum ClaimsTable {
    /// Where a `claims` directive's table goes; replaced once every chapter has been judged.
    static let placeholder = "<!--memgen:claims-index-->"

    /// Rows in book order: claim (linked, with its chapter), the paper's statement, the check, what was measured, verdict.
    static func html(_ claims: [DirectiveRenderer.ClaimRecord]) -> String {
        guard !claims.isEmpty else { return "<p>The book states no claims.</p>\n" }
        var html = "<p class=\"verdict-counts\">" + ClaimOutcome.Verdict.allCases.map { v in
            "<span class=\"\(v.cssClass)\"><span class=\"verdict\">\(v.rawValue.htmlEscaped)</span></span>: \(claims.filter { $0.verdict == v.rawValue }.count)"
        }.joined(separator: " · ") + "</p>\n"
        html += "<div class=\"table-scroll\"><table class=\"claims-index\">\n<thead><tr><th>claim</th><th>paper</th><th>our check</th><th>measured</th><th>verdict</th></tr></thead>\n<tbody>\n"
        for k in claims {
            let cls = ClaimOutcome.Verdict(rawValue: k.verdict)?.cssClass ?? "not-judged"
            html += "<tr class=\"\(cls)\"><td><a href=\"\(k.chapter.slug).html#\(k.target.anchor.htmlEscaped)\">Claim \(k.target.number)</a>"
            html += "<span class=\"chapter\">\(k.chapter.number). \(k.chapter.title.htmlEscaped)</span></td>"
            html += "<td>\(k.paper.htmlEscaped)</td><td>\(k.statement.htmlEscaped)</td>"
            html += "<td>\(k.measured.map(\.htmlEscaped).joined(separator: "<br>"))</td>"
            html += "<td><span class=\"verdict\">\(k.verdict.htmlEscaped)</span></td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }
}
