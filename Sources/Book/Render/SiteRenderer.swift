import Foundation

/// Renders the whole site: assets, the home page, one page per chapter, and the reproducibility page.
/// It reads the book (chapters, index, results, verdicts) and changes none of it. Nothing here depends
/// on the clock, so unchanged input gives identical bytes.
struct SiteRenderer {
    let state: BuildState

    func render() throws -> SiteOutput {
        let output = SiteOutput()
        for (path, data) in try SiteAssets.files() { output.files[path] = data }
        let context = DirectiveContext(state: state, output: output)
        let directives = DirectiveRenderer(context: context)
        let measured = MeasuredValueRenderer(context: context)
        let nav = state.chapters.map { c in
            PageTemplate.NavItem(title: c.title, href: "\(c.slug).html", number: c.isNumbered ? "\(c.number)" : "", current: false,
                                 part: state.config.partTitle(openedBy: c))
        }
        func template(current: String) -> PageTemplate {
            PageTemplate(bookTitle: state.config.title, quick: state.quick,
                         chapters: nav.map { var n = $0; n.current = n.href == current; return n },
                         extraLinks: [PageTemplate.NavItem(title: "Reproducibility", href: "reproducibility.html", number: "",
                                                           current: current == "reproducibility.html")]
                            + (state.index.bibliography == nil ? [] : [PageTemplate.NavItem(title: "Bibliography", href: ReaderPages.bibliographyPage, number: "", current: current == ReaderPages.bibliographyPage)])
                            + [PageTemplate.NavItem(title: "Printable book", href: ReaderPages.printPage, number: "", current: false)])
        }
        for (i, chapter) in state.chapters.enumerated() {
            var prose = ProseRenderer(chapter: chapter, index: state.index, allowHTML: state.config.allowHTML,
                                      source: state.sources[chapter.slug] ?? "", measure: measured.html) { id in directives.html(id, in: chapter) }
            let body = prose.render(chapter.blocks) + ReaderPages.chapterReferences(state, chapter)
            prose.diagnostics.forEach(output.report)
            let previous = i > 0 ? nav[i - 1] : PageTemplate.NavItem(title: "Home", href: "index.html", number: "", current: false)
            let next = i + 1 < nav.count ? nav[i + 1] : PageTemplate.NavItem(title: "Reproducibility", href: "reproducibility.html", number: "", current: false)
            let html = template(current: "\(chapter.slug).html").page(
                title: chapter.title, outline: prose.outline, content: body,
                previous: PageTemplate.NavItem(title: previous.number.isEmpty ? previous.title : "\(previous.number). \(previous.title)", href: previous.href, number: "", current: false),
                next: PageTemplate.NavItem(title: next.number.isEmpty ? next.title : "\(next.number). \(next.title)", href: next.href, number: "", current: false))
            output.files["\(chapter.slug).html"] = Data(html.utf8)
        }
        for (id, e) in state.index.experiments {
            output.files[ExperimentExport.path(id)] = ExperimentExport(e, runs: state.plan[id] ?? [], results: state.results, profile: state.options.profile).json
        }
        output.files["index.html"] = Data(home(template(current: "index.html")).utf8)
        output.files["reproducibility.html"] = Data(ReproducibilityPage(state: state).html(template(current: "reproducibility.html")).utf8)
        if let references = ReaderPages.bibliography(state) {
            output.files[ReaderPages.bibliographyPage] = Data(template(current: ReaderPages.bibliographyPage).page(
                title: "Bibliography", outline: [], content: references, previous: nil, next: nil).utf8)
        }
        try ReaderPages.finish(output, state)
        return output
    }

    private func home(_ template: PageTemplate) -> String {
        var content = "<h1>\(state.config.title.htmlEscaped)</h1>\n"
        if !state.config.subtitle.isEmpty { content += "<p class=\"subtitle\">\(state.config.subtitle.htmlEscaped)</p>\n" }
        if !state.config.introduction.isEmpty {
            let intro = Chapter.parse(text: state.config.introduction, file: "\(state.displayChapters)/book.yml", slug: "index",
                                      number: 0, kinds: [])
            var prose = ProseRenderer(chapter: intro, index: state.index, allowHTML: state.config.allowHTML,
                                      source: state.config.introduction) { _ in "" }
            content += prose.render(intro.blocks)
        }
        content += "<h2 id=\"chapters\">Chapters</h2>\n<ol class=\"chapter-list\">\n"
        for c in state.chapters {
            if let part = state.config.partTitle(openedBy: c) {
                content += "<li class=\"part\">\(part.htmlEscaped)</li>\n"
            }
            content += "<li><a href=\"\(c.slug).html\">\(c.numberedTitle.htmlEscaped)</a><span class=\"summary\">\(InlineText.html(c.summary, index: state.index, from: "index"))</span></li>\n"
        }
        content += "</ol>\n"
        content += """
        <h2 id="how-to-read">How to read this report</h2>
        <ul>
        <li>Each chapter states a question from the literature, explains the idea and the mathematics, and then runs the experiments that test it. Every number, figure and table on these pages was measured by the build that produced them.</li>
        <li><strong>Figures</strong> show means over seeds; a shaded band is ± one standard deviation, kept within the lowest and the highest seed. A run that stopped early (it reached its stop target) counts with its last value from then on: its network no longer changes. Under each figure and table, a provenance line names the experiment, the seeds, a digest of the runs’ cache keys, the training time, and links to the data as CSV and JSON.</li>
        <li><strong>Tables</strong> put the paper’s numbers beside ours when the chapter gives them, with the difference (ours − paper). Our settings are smaller than the papers’ (CPU scale); each chapter says what differs.</li>
        <li><strong>Claims</strong> are judged on a 95% confidence interval over seeds (Student’s t; for a comparison, the interval of the difference, paired by seed when both sides ran on the same seeds). A green card means the whole interval satisfies the stated check (<em>replicated</em>), a red card that the whole interval violates it (<em>not replicated</em>), a purple card that the interval straddles the threshold or that there were too few seeds to tell (<em>inconclusive</em>); the card lists the estimate, its interval, the number of seeds and the paper’s statement.</li>
        <li>The <a href="reproducibility.html">reproducibility page</a> lists the toolchain, the BLAS library and CPU, the data-set checksums, and every claim’s verdict.</li>
        </ul>

        """
        return template.page(title: "Home", outline: [], content: content, previous: nil,
                             next: state.chapters.first.map { PageTemplate.NavItem(title: $0.numberedTitle, href: "\($0.slug).html", number: "", current: false) })
    }
}
