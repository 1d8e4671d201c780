/// A `measure:` code span in the prose as HTML: the value (or a claim's verdict, or a count of
/// verdicts), a quick-profile placeholder, or a note that results are missing.
struct MeasuredValueRenderer {
    let context: DirectiveContext

    func html(_ code: String) throws(SpecIssue) -> String {
        let state = context.state
        if let verdict = try MeasuredVerdict.parse(code) { return try verdict.html(state.verdicts, quick: state.quick) }
        let value = try MeasuredValue.parse(code)
        let e = try value.check(in: state.index)
        if state.quick {
            return "<span class=\"measured not-judged\" title=\"measured by a full build only\">[not measured: quick profile]</span>"
        }
        guard let set = state.resultSet(e.id), set.runs.count == state.plan[e.id]?.count else {
            return "<span class=\"measured-missing\" title=\"runs of \(e.id.htmlEscaped) failed or were not trained\">[no results]</span>"
        }
        return "<span class=\"measured\" title=\"\(value.metric.value.htmlEscaped) from experiment \(e.id.htmlEscaped)\">\(try value.text(set).htmlEscaped)</span>"
    }
}
