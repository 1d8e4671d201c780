import Foundation
import Charts

/// Renders the directives of one chapter: experiment cards, figures (PNG + CSV), tables (HTML + CSV),
/// claim cards from the judged verdicts, and error cards; adds data files and errors to `output`.
final class DirectiveRenderer {
    let state: BuildState
    let output: SiteOutput

    /// Pictures drawn by earlier builds (a build with nothing changed draws none).
    let figures: FigureCache

    init(state: BuildState, output: SiteOutput) {
        self.state = state
        self.output = output
        self.figures = FigureCache(directory: state.options.cacheDirectory.appendingPathComponent("figures"))
    }

    func render(_ chapter: Chapter, _ id: DirectiveID) -> String {
        guard let directive = chapter.directive(id) else { return "" }
        let target = state.index.directiveTargets[id]
        switch directive {
        case .failed(let kind, let d):
            return errorCard(kind: kind, message: d.description)
        case .experiment(let e):
            return experimentCard(e)
        case .figure(let f):
            return guarded(f.location, kind: "figure") { try self.figure(f, chapter: chapter, target: target!) }
        case .table(let t):
            return guarded(t.location, kind: "table") { try self.table(t, chapter: chapter, target: target!) }
        case .claim(let k):
            switch state.verdicts[id] {
            case .judged(let outcome)?: return claim(k, outcome: outcome, chapter: chapter, target: target!)
            case .noResults(let missing)?: return errorCard(kind: "claim", message: missing.message)
            case .failed(let d)?: return errorCard(kind: "claim", message: d.description)
            case nil: return errorCard(kind: "claim", message: "the claim was not judged")
            }
        case .claimsIndex(let c):
            return claimsIndex(c, chapter: chapter, target: target!)
        }
    }

    /// A problem found while rendering becomes an error card and a build error.
    private func guarded(_ location: DirectiveLocation, kind: String, _ body: () throws -> String) -> String {
        do {
            return try body()
        } catch let issue as SpecIssue {
            let d = location.diagnostic(issue)
            output.report(d)
            return errorCard(kind: kind, message: d.description)
        } catch let missing as MissingResults {
            return errorCard(kind: kind, message: missing.message)
        } catch {
            let d = location.diagnostic("\(kind) cannot be drawn: \(error)")
            output.report(d)
            return errorCard(kind: kind, message: d.description)
        }
    }

    private func results(_ id: String) throws(MissingResults) -> ResultSet {
        try state.completeResults(id)
    }

    func errorCard(kind: String, message: String) -> String {
        "<div class=\"error-card\" role=\"alert\"><strong>This \(kind.htmlEscaped) could not be built.</strong><pre>\(message.htmlEscaped)</pre></div>\n"
    }

    // MARK: - Experiment

    private func experimentCard(_ e: ExperimentDirective) -> String {
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
        html += " · <a href=\"data/\(e.id.htmlEscaped).json\">results (JSON)</a></dd>\n"
        if state.quick {
            let o = runs.first.map { run in e.kind.quickOverrides(run.spec) }.map { $0.keys.sorted().map { k in "\(k)" } } ?? []
            html += "<dt>profile</dt><dd>quick (shrunk: \(o.joined(separator: ", ").htmlEscaped)\(e.quick.isEmpty ? "" : "; " + e.quick.map { "\($0.path) = \($0.value)" }.joined(separator: ", ").htmlEscaped))</dd>\n"
        }
        html += "</dl>\n"
        let failed = state.failures(of: e.id)
        if !failed.isEmpty {
            html += "<div class=\"error-card\" role=\"alert\"><strong>\(failed.count) of \(runs.count) runs failed.</strong><pre>\(failed.joined(separator: "\n").htmlEscaped)</pre></div>\n"
        }
        html += "</section>\n"
        experimentJSON(e, runs: runs)
        return html
    }

    private struct ExperimentFile: Encodable {
        struct Run: Encodable { var parameters: [String: String]; var key: String; var result: RunResult? }
        var experiment: String
        var kind: String
        var profile: String
        var runs: [Run]
    }

    private func experimentJSON(_ e: ExperimentDirective, runs: [PlannedRun]) {
        let file = ExperimentFile(experiment: e.id, kind: e.kind.name, profile: state.options.profile.rawValue, runs: runs.map { run in
            ExperimentFile.Run(parameters: Dictionary(uniqueKeysWithValues: run.parameters.map { ($0.name, $0.value.description) }),
                               key: run.key, result: state.results[run.key])
        })
        let encoder = ResultCache.encoder
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        if let data = try? encoder.encode(file) { output.files["data/\(e.id).json"] = data }
    }

    private func provenance(_ set: ResultSet, dataFile: String, chapter: Chapter) -> String {
        let home = state.index.experimentChapter[set.experiment.id].map { $0 == chapter.slug ? "" : "\($0).html" } ?? ""
        let keys = set.runs.map(\.run.key)
        let digest = SHA256.hex(keys.sorted().joined(separator: "\n")).prefix(12)
        let seeds = Set(set.runs.map(\.run.seed)).sorted().map(String.init).joined(separator: ", ")
        let seconds = set.runs.map(\.result.provenance.wallSeconds).reduce(0, +)
        let core = Set(set.runs.map(\.result.provenance.coreVersion)).sorted().joined(separator: ", ")
        return "<div class=\"provenance\">Experiment <a href=\"\(home.htmlEscaped)#exp-\(set.experiment.id.htmlEscaped)\"><code>\(set.experiment.id.htmlEscaped)</code></a> · \(set.runs.count) run\(set.runs.count == 1 ? "" : "s") · seeds \(seeds) · results <code>\(digest)</code> · \(String(format: "%.1f", seconds)) s training · core \(core.htmlEscaped)\(state.quick ? " · <strong>quick profile</strong>" : "") · data: \(dataFile.hasSuffix(".csv") ? "<a href=\"\(dataFile.htmlEscaped)\">CSV</a>, " : "")<a href=\"data/\(set.experiment.id.htmlEscaped).json\">JSON</a></div>\n"
    }

    // MARK: - Figure

    private func imageGrid(_ f: FigureDirective, chapter: Chapter, target: BookIndex.Target, set: ResultSet) throws -> String {
        let data = try ImageGridData.make(f, results: set)
        let images = data.rows.map { row in
            row.images.map { data.channels == 3 ? GridImage(width: data.width, height: data.height, rgb: $0)
                                                : GridImage(width: data.width, height: data.height, gray: $0) }
        }
        let labels = f.columnLabels.count == images[0].count ? f.columnLabels : []
        let captions = data.rows.contains { !$0.captions.isEmpty } ? data.rows.map(\.captions) : []
        let highlighted = data.rows.contains { !$0.highlighted.isEmpty } ? data.rows.map(\.highlighted) : []
        let grid = ImageGrid(title: f.title, images: images, rowLabels: data.rows.map(\.name), columnLabels: labels,
                             cellLabels: captions, highlighted: highlighted)
        let height = min(1200, try grid.naturalHeight(width: 640))
        let png = try figures.png(grid, width: 640, height: height)
        let base = "\(chapter.slug)-\(target.anchor)"
        output.files["figures/\(base).png"] = Data(png)
        output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<figure class=\"result\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<img src=\"figures/\(base.htmlEscaped).png\" alt=\"\(("Figure \(target.number): " + f.caption).htmlEscaped)\" width=\"640\" height=\"\(height)\">\n"
        html += "<figcaption><span class=\"label\">Figure \(target.number).</span> \(inline(f.caption, chapter: chapter, location: f.location))</figcaption>\n"
        html += provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</figure>\n"
    }

    private func figure(_ f: FigureDirective, chapter: Chapter, target: BookIndex.Target) throws -> String {
        let set = try results(f.from.value)
        if f.plot == .images { return try imageGrid(f, chapter: chapter, target: target, set: set) }
        let data = try FigureData.make(f, results: set)
        let references = f.lines.map { $0.vertical ? ReferenceLine.vertical(at: $0.value, label: $0.label) : ReferenceLine.horizontal(at: $0.value, label: $0.label) }
        let png: [UInt8]
        if f.plot == .bar {
            let groups = data.curves.map { c in
                BarGroup(c.name, values: c.y.map { $0.isFinite ? $0 : 0 }, errors: f.band && data.seeds > 1 ? c.std.map { $0.isFinite ? $0 : 0 } : nil)
            }
            let lines = try zip(references, f.lines).map { r, written throws(SpecIssue) in
                guard r.orientation == .vertical else { return r }
                let slot = try BarSlotPosition.position(of: r.value, among: data.categories, mark: written.mark)
                return ReferenceLine.vertical(at: slot, label: r.label)
            }
            let chart = BarChart(title: f.title, categories: data.categories, groups: groups, xLabel: data.xLabel,
                               yAxis: valueAxis(f, data),
                               referenceLines: lines, showValues: true)
            png = try figures.png(chart, width: 640, height: 400)
        } else if f.plot == .histogram {
            let normalization: Histogram.Normalization = f.normalize == "fraction" ? .fraction : f.normalize == "density" ? .density : .count
            let chart = Histogram(title: f.title, xAxis: Axis(data.xLabel, scale: f.logX ? .log : .linear),
                                yAxis: valueAxis(f, data),
                                series: data.curves.map { HistogramSeries($0.name, values: $0.y) },
                                bins: f.bins, binRange: f.range, normalization: normalization, referenceLines: references)
            png = try figures.png(chart, width: 640, height: 400)
        } else {
            png = try linePlot(f, data, references: references)
        }
        let base = "\(chapter.slug)-\(target.anchor)"
        output.files["figures/\(base).png"] = Data(png)
        output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<figure class=\"result\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<img src=\"figures/\(base.htmlEscaped).png\" alt=\"\(("Figure \(target.number): " + (f.caption.isEmpty ? data.yLabel : f.caption)).htmlEscaped)\" width=\"640\" height=\"400\">\n"
        let spread = data.seeds > 1 && f.band && f.plot != .histogram ? (f.plot == .bar ? " Error bars" : " Shaded") + ": ± one standard deviation over \(data.seeds) seeds." : ""
        html += "<figcaption><span class=\"label\">Figure \(target.number).</span> \(inline(f.caption, chapter: chapter, location: f.location))\(spread)</figcaption>\n"
        html += provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</figure>\n"
    }

    /// The value axis a figure asks for: its label, `log-y` and `y-range`.
    private func valueAxis(_ f: FigureDirective, _ data: FigureData) -> Axis {
        Axis(data.yLabel, scale: f.logY ? .log : .linear, range: f.yRange)
    }

    private func linePlot(_ f: FigureDirective, _ data: FigureData, references: [ReferenceLine]) throws -> [UInt8] {
        let series: [Series] = data.curves.map { c in
            let finite = c.x.indices.filter { c.x[$0].isFinite && c.y[$0].isFinite }
            let x = finite.map { c.x[$0] }, y = finite.map { c.y[$0] }, s = finite.map { c.std[$0] }
            let scatter = f.plot == .scatter
            if f.band && data.seeds > 1 {
                return Series.meanAndSpread(c.name, x: x, mean: y, spread: s, lineStyle: scatter ? .none : .solid, marker: scatter ? .circle : .none)
            }
            return Series(c.name, x: x, y: y, lineStyle: scatter ? .none : .solid, marker: scatter || x.count < 12 ? .circle : .none)
        }
        let chart = LinePlot(title: f.title, xAxis: Axis(data.xLabel, scale: f.logX ? .log : .linear),
                             yAxis: valueAxis(f, data), series: series, referenceLines: references)
        return try figures.png(chart, width: 640, height: 400)
    }

    // MARK: - Table

    private func table(_ t: TableDirective, chapter: Chapter, target: BookIndex.Target) throws -> String {
        let set = try results(t.from.value)
        let data = try TableData.make(t, results: set)
        let base = "\(chapter.slug)-\(target.anchor)"
        output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<div class=\"table-card\" id=\"\(target.anchor.htmlEscaped)\">\n"
        let paperNote = t.paper.isEmpty ? "" : " “paper”: \(t.paperSource.htmlEscaped); Δ = ours − paper."
        html += "<div class=\"caption\"><span class=\"label\">Table \(target.number).</span> \(inline(t.caption, chapter: chapter, location: t.location))\(data.seeds > 1 ? " Mean ± std over \(data.seeds) seeds." : "")\(paperNote)</div>\n"
        html += "<div class=\"table-scroll\"><table>\n<thead><tr>"
        for (i, h) in data.header.enumerated() { html += i < data.rowHeaderCount ? "<th>\(h.htmlEscaped)</th>" : "<th class=\"num\">\(h.htmlEscaped)</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in data.rows {
            html += "<tr>" + row.enumerated().map { i, cell in
                i < data.rowHeaderCount ? "<td>\(cell.text.htmlEscaped)</td>" : "<td class=\"num\">\(cell.text.htmlEscaped)</td>"
            }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        html += provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</div>\n"
    }

    // MARK: - Claim

    private func claim(_ k: ClaimDirective, outcome: ClaimOutcome, chapter: Chapter, target: BookIndex.Target) -> String {
        // A judged claim has complete results.
        guard let set = try? results(k.from.value) else { return errorCard(kind: "claim", message: "no results for experiment '\(k.from.value)'") }
        let cls = outcome.verdict.cssClass
        var html = "<div class=\"claim \(cls)\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<div><span class=\"label\">Claim \(target.number).</span> <span class=\"verdict\">\(outcome.verdict.rawValue.htmlEscaped)</span></div>\n"
        if !k.statement.isEmpty { html += "<div class=\"statement\">\(inline(k.statement, chapter: chapter, location: k.location))</div>\n" }
        if !k.paper.isEmpty { html += "<div class=\"paper\">Paper: \(inline(k.paper, chapter: chapter, location: k.location))</div>\n" }
        html += "<ul class=\"measured\">\n" + outcome.measured.map { "<li>\($0.htmlEscaped)</li>\n" }.joined() + "</ul>\n"
        html += provenance(set, dataFile: "data/\(set.experiment.id).json", chapter: chapter)
        return html + "</div>\n"
    }

    /// The book's claim table (every claim was judged before rendering).
    private func claimsIndex(_ c: ClaimsIndexDirective, chapter: Chapter, target: BookIndex.Target) -> String {
        var html = "<div class=\"table-card\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<div class=\"caption\"><span class=\"label\">Table \(target.number).</span> \(inline(c.caption, chapter: chapter, location: c.location))</div>\n"
        return html + ClaimsTable.html(state.verdicts) + "\n</div>\n"
    }

    /// A caption or statement: escaped text in which `$…$` formulas are rendered and `@fig:name`
    /// references become links (unknown references are errors at the directive).
    private func inline(_ text: String, chapter: Chapter, location: DirectiveLocation? = nil) -> String {
        // Unknown references were reported when the book was indexed.
        DirectiveRenderer.inlineHTML(text, index: state.index, from: chapter.slug)
    }

    /// One line of text as HTML: escaped, `$…$` formulas in `.math` elements for KaTeX, and
    /// `@fig:name`-style references as links (used for captions, statements and chapter summaries).
    static func inlineHTML(_ text: String, index: BookIndex, from slug: String) -> String {
        var out = ""
        var rest = Substring(text)
        func prose(_ piece: String) -> String {
            ProseRenderer.linkingReferences(piece, index: index, from: slug).html
        }
        while let open = rest.firstIndex(of: "$") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "$"), close > after.startIndex else { break }
            out += prose(String(rest[..<open]))
            out += "<span class=\"math inline\">\(String(after[..<close]).htmlEscaped)</span>"
            rest = after[after.index(after: close)...]
        }
        return out + prose(String(rest))
    }
}
