import Foundation

/// What every directive renderer shares: the book it reads, where its files and errors go, and the
/// pictures drawn by earlier builds.
struct DirectiveContext {
    /// The book after training and judging; renderers only read it.
    let state: BuildState
    let output: SiteOutput
    /// Pictures drawn by earlier builds (a build with nothing changed draws none).
    let figures: FigureCache

    init(state: BuildState, output: SiteOutput) {
        self.state = state
        self.output = output
        self.figures = FigureCache(directory: state.options.cacheDirectory.appendingPathComponent("figures"))
    }

    /// Every result of experiment `id`, or why some are missing.
    func results(_ id: String) throws(MissingResults) -> ResultSet {
        try state.completeResults(id)
    }

    /// A caption or statement as HTML (unknown references were reported when the book was indexed).
    func inline(_ text: String, chapter: Chapter) -> String {
        InlineText.html(text, index: state.index, from: chapter.slug)
    }

    /// The `alt` text of figure `f`: its `alt:`, or "Figure N: " and the caption as plain text
    /// (`fallback` when the caption is empty).
    func alt(_ f: FigureDirective, target: BookIndex.Target, fallback: String = "") -> String {
        if let alt = f.alt { return alt }
        return "Figure \(target.number): " + (f.caption.isEmpty ? fallback : InlineText.plain(f.caption, index: state.index))
    }

    /// The line under a figure, table or claim: the experiment (linked), runs, seeds, a digest of the
    /// runs' cache keys, training time, core version, and links to the data.
    func provenance(_ set: ResultSet, dataFile: String, chapter: Chapter) -> String {
        let home = state.index.experimentChapter[set.experiment.id].map { $0 == chapter.slug ? "" : "\($0).html" } ?? ""
        let keys = set.runs.map(\.run.key)
        let digest = SHA256.hex(keys.sorted().joined(separator: "\n")).prefix(12)
        let seeds = Set(set.runs.map(\.run.seed)).sorted().map(String.init).joined(separator: ", ")
        let seconds = set.runs.map(\.result.provenance.wallSeconds).reduce(0, +)
        let core = Set(set.runs.map(\.result.provenance.coreVersion)).sorted().joined(separator: ", ")
        return "<div class=\"provenance\">Experiment <a href=\"\(home.htmlEscaped)#exp-\(set.experiment.id.htmlEscaped)\"><code>\(set.experiment.id.htmlEscaped)</code></a> · \(set.runs.count) run\(set.runs.count == 1 ? "" : "s") · seeds \(seeds) · results <code>\(digest)</code> · \(String(format: "%.1f", seconds)) s training · core \(core.htmlEscaped)\(state.quick ? " · <strong>quick profile</strong>" : "") · data: \(dataFile.hasSuffix(".csv") ? "<a href=\"\(dataFile.htmlEscaped)\">CSV</a>, " : "")<a href=\"\(ExperimentExport.path(set.experiment.id).htmlEscaped)\">JSON</a></div>\n"
    }
}
