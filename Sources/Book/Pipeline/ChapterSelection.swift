/// The chapters named on the command line (`memgen-book build 01-random-labels.md`): only their
/// experiments train and only their pages, figures and data files are written; other chapters'
/// pages in the output folder are left as they are. The book-wide files (search index, printable
/// book, bibliography, contents, reproducibility, experiment results) are written too when every
/// other chapter's runs have results, so that they are complete; otherwise they are left as well.
struct ChapterSelection {
    /// The selected chapters' slugs (`01-random-labels`).
    let slugs: Set<String>
    /// Experiments defined in the selected chapters or drawn on by their figures, tables and claims.
    let experiments: Set<String>
    /// The chapters not selected: their pages, figures and data files are never written.
    let otherSlugs: Set<String>
    /// Whether every run outside the selection has a result (then the book-wide pages are whole).
    var othersComplete = false

    /// Resolves `names` (`01-random-labels.md`, `01-random-labels`, or a path ending in either)
    /// against the book's chapters; an unknown name is an error listing the valid ones.
    init(names: [String], chapters: [Chapter], index: BookIndex) throws {
        var slugs: Set<String> = []
        for name in names {
            var slug = name.split(separator: "/").last.map(String.init) ?? name
            if slug.hasSuffix(".md") { slug.removeLast(3) }
            guard chapters.contains(where: { $0.slug == slug }) else {
                let valid = chapters.map { "\($0.slug).md" }.joined(separator: ", ")
                throw BookError("no chapter '\(name)' in the book (book.yml lists: \(valid))")
            }
            slugs.insert(slug)
        }
        var experiments: Set<String> = []
        for chapter in chapters where slugs.contains(chapter.slug) {
            for placed in chapter.directives {
                switch placed.directive {
                case .experiment(let e): experiments.insert(e.id)
                case .figure(let f): experiments.insert(f.from.value)
                case .table(let t): experiments.insert(t.from.value)
                case .claim(let c): experiments.insert(c.from.value)
                case .claimsIndex, .failed: break
                }
            }
        }
        self.slugs = slugs
        self.otherSlugs = Set(chapters.map(\.slug)).subtracting(slugs)
        self.experiments = experiments
    }

    /// Whether an output file belongs to the selection: a selected chapter's page, its figures and
    /// data files (`figures/<slug>-…`, `data/<slug>-…`), a selected experiment's results, or, when
    /// the other chapters' runs all have results, any file that is not another chapter's (the
    /// book-wide pages, and results that are then complete).
    func contains(path: String) -> Bool {
        if Self.chapterFile(path, of: slugs) || experiments.contains(where: { path == ExperimentExport.path($0) }) { return true }
        return othersComplete && !Self.chapterFile(path, of: otherSlugs)
    }

    /// Whether `path` is the page, a figure or a data file of one of the chapters `slugs`.
    private static func chapterFile(_ path: String, of slugs: Set<String>) -> Bool {
        slugs.contains { path == "\($0).html" || path.hasPrefix("figures/\($0)-") || path.hasPrefix("data/\($0)-") }
    }
}
