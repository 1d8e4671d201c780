/// The chapters named on the command line (`memgen-book build 01-random-labels.md`): only their
/// experiments train and only their pages, figures and data files are written; every other page in
/// the output folder is left as it is.
struct ChapterSelection {
    /// The selected chapters' slugs (`01-random-labels`).
    let slugs: Set<String>
    /// Experiments defined in the selected chapters or drawn on by their figures, tables and claims.
    let experiments: Set<String>

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
        self.experiments = experiments
    }

    /// Whether an output file belongs to the selection: a selected chapter's page, its figures and
    /// data files (`figures/<slug>-…`, `data/<slug>-…`), or a selected experiment's results.
    func contains(path: String) -> Bool {
        for slug in slugs where path == "\(slug).html" || path.hasPrefix("figures/\(slug)-") || path.hasPrefix("data/\(slug)-") {
            return true
        }
        return experiments.contains { path == ExperimentExport.path($0) }
    }
}
