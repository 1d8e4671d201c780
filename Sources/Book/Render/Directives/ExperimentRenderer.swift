import Foundation

/// An experiment directive as a card: kind, parameters, conditions, sweeps, seeds, runs and their
/// training time, a link to the results as JSON, and the errors of failed runs.
struct ExperimentRenderer {
    let context: DirectiveContext

    func html(_ e: ExperimentDirective) -> String {
        let state = context.state
        var html = "<section class=\"experiment\" id=\"exp-\(e.id.htmlEscaped)\">\n<strong>Experiment <code>\(e.id.htmlEscaped)</code></strong>"
        if !e.title.isEmpty { html += " — \(e.title.htmlEscaped)" }
        html += "\n<dl>\n<dt>kind</dt><dd>\(e.kind.name.htmlEscaped)</dd>\n"
        if case .record(let fields) = e.kind.canonical(e.base) {
            for field in e.kind.parameters {
                guard let v = fields[field.name] else { continue }
                let text = SpecDescription.describe(v, type: field.type)
                if text.isEmpty { continue }
                html += "<dt>\(field.name.htmlEscaped)</dt><dd>\(text.htmlEscaped)</dd>\n"
            }
        }
        if !e.conditions.isEmpty {
            let list = e.conditions.map { c in
                c.name + (c.overrides.isEmpty ? "" : " (" + c.overrides.map { "\($0.path) = \($0.value)" }.joined(separator: ", ") + ")")
            }
            html += "<dt>conditions</dt><dd>\(list.joined(separator: "; ").htmlEscaped)</dd>\n"
        }
        for axis in e.axes {
            html += "<dt>sweep \(axis.path.htmlEscaped)</dt><dd>\(axis.values.map(\.description).joined(separator: ", ").htmlEscaped)</dd>\n"
        }
        let runs = state.plan[e.id] ?? []
        let seeds = state.quick ? Array(e.seeds.prefix(1)) : e.seeds
        html += "<dt>seeds</dt><dd>\(seeds.map(String.init).joined(separator: ", "))</dd>\n"
        html += "<dt>runs</dt><dd>\(runs.count)"
        let seconds = runs.compactMap { state.results[$0.key]?.provenance.wallSeconds }.reduce(0, +)
        if !runs.isEmpty { html += String(format: " · %.1f s of training in total", seconds) }
        html += " · <a href=\"\(ExperimentExport.path(e.id).htmlEscaped)\">results (JSON)</a></dd>\n"
        if state.quick {
            let o = runs.first.map { run in e.kind.quickOverrides(run.spec) }.map { $0.keys.sorted().map { k in "\(k)" } } ?? []
            html += "<dt>profile</dt><dd>quick (shrunk: \(o.joined(separator: ", ").htmlEscaped)\(e.quick.isEmpty ? "" : "; " + e.quick.map { "\($0.path) = \($0.value)" }.joined(separator: ", ").htmlEscaped))</dd>\n"
        }
        html += "</dl>\n"
        let failed = state.failures(of: e.id)
        if !failed.isEmpty {
            html += "<div class=\"error-card\" role=\"alert\"><strong>\(failed.count) of \(runs.count) runs failed.</strong><pre>\(failed.joined(separator: "\n").htmlEscaped)</pre></div>\n"
        }
        return html + "</section>\n"
    }
}
