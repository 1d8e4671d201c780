import Foundation

/// Starts a book (`memgen-book init DIR`) or a chapter (`memgen-book new NAME`) from a template
/// that builds as it is: prose to replace, an experiment on a small synthetic data set, a figure
/// and a claim.
public enum BookScaffold {
    /// Creates `directory/Chapters/` with `book.yml` and a first chapter, and a `.gitignore` for
    /// the cache. Refuses a folder whose `Chapters/` already holds files. Returns the files written.
    @discardableResult
    public static func initBook(at directory: URL, title: String? = nil) throws -> [URL] {
        let chapters = directory.appendingPathComponent("Chapters")
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: chapters.path)) ?? []
        guard existing.filter({ !$0.hasPrefix(".") }).isEmpty else {
            throw BookError("\(chapters.path) already has files (\(existing.sorted().prefix(3).joined(separator: ", "))…): init starts a new book in an empty folder")
        }
        try FileManager.default.createDirectory(at: chapters, withIntermediateDirectories: true)
        let name = title ?? directory.standardizedFileURL.lastPathComponent
        let config = """
        title: \(yamlQuoted(name))
        subtitle: A course report whose every number is measured by the build
        introduction: |
          What this book asks, in a paragraph. Every number, figure and verdict on these pages is
          measured by `memgen-book build`.
        chapters:
          - 01-first-experiment.md
        min-seeds: 3

        """
        var written: [URL] = []
        let yml = chapters.appendingPathComponent("book.yml")
        try Data(config.utf8).write(to: yml)
        written.append(yml)
        let first = chapters.appendingPathComponent("01-first-experiment.md")
        try Data(chapterTemplate(title: "A first experiment", slug: "first-experiment").utf8).write(to: first)
        written.append(first)
        let ignore = directory.appendingPathComponent(".gitignore")
        if !FileManager.default.fileExists(atPath: ignore.path) {
            try Data(".cache/\n.build/\n".utf8).write(to: ignore)
            written.append(ignore)
        }
        return written
    }

    /// Writes `Chapters/NN-name.md` from the template (NN: one more than the highest chapter
    /// number, unless `name` starts with one) and adds it to `book.yml`'s `chapters:` list when the
    /// book lists its chapters. Returns the new file.
    @discardableResult
    public static func newChapter(_ name: String, in chaptersDirectory: URL) throws -> URL {
        var base = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        base = base.lowercased().replacingOccurrences(of: " ", with: "-")
        guard !base.isEmpty, base.allSatisfy(allowed.contains), !base.hasPrefix("-") else {
            throw BookError("chapter name '\(name)': use letters, digits and '-' (for example 'pruning' or '17-pruning')")
        }
        guard FileManager.default.fileExists(atPath: chaptersDirectory.path) else {
            throw BookError("no chapters folder \(chaptersDirectory.path): run 'memgen-book init DIR' first, or pass --chapters")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: chaptersDirectory.path)) ?? []
        if base.prefix(while: \.isNumber).isEmpty {
            let highest = names.compactMap { Int($0.prefix(while: \.isNumber)) }.max() ?? 0
            base = String(format: "%02d-", highest + 1) + base
        }
        let file = chaptersDirectory.appendingPathComponent("\(base).md")
        guard !FileManager.default.fileExists(atPath: file.path) else {
            throw BookError("\(file.path) already exists")
        }
        let slug = String(base.drop(while: { $0.isNumber || $0 == "-" }))
        if let twin = names.first(where: { $0.hasSuffix(".md") && String($0.dropLast(3).drop(while: { $0.isNumber || $0 == "-" })) == slug }) {
            throw BookError("a chapter named '\(slug)' exists already: \(twin)")
        }
        let title = slug.split(separator: "-").joined(separator: " ").capitalizedFirst
        let yml = chaptersDirectory.appendingPathComponent("book.yml")
        var updatedConfig: String?
        if let text = try? String(contentsOf: yml, encoding: .utf8) {
            updatedConfig = try addingChapter("\(base).md", to: text, file: yml.path)
        }
        try Data(chapterTemplate(title: title, slug: slug.isEmpty ? base : slug).utf8).write(to: file)
        if let updatedConfig { try AtomicFile.write(Data(updatedConfig.utf8), to: yml) }
        return file
    }

    /// `book.yml` with `file` appended to its block list `chapters:`, or to the last part's when the
    /// book has `parts:` (unchanged when the book lists no chapters, so every `.md` file is a chapter).
    static func addingChapter(_ file: String, to text: String, file path: String) throws -> String {
        var lines = text.components(separatedBy: "\n")
        let listKey: Int?
        if let top = lines.firstIndex(where: { $0.hasPrefix("chapters:") }) {
            listKey = top
        } else if let parts = lines.firstIndex(where: { $0.hasPrefix("parts:") }) {
            listKey = lines.indices.last { $0 > parts && lines[$0].trimmingCharacters(in: .whitespaces).hasPrefix("chapters:") }
        } else {
            listKey = nil
        }
        guard let key = listKey else { return text }
        let rest = lines[key].trimmingCharacters(in: .whitespaces).dropFirst("chapters:".count).trimmingCharacters(in: .whitespaces)
        if rest.hasPrefix("[") {
            if rest == "[]" { return text }
            throw BookError("\(path): 'chapters:' is a flow list; add '\(file)' to it by hand (or write one '- name' per line)")
        }
        var last = key, indent = "  "
        var i = key + 1
        while i < lines.count {
            let trimmed = lines[i].trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- ") {
                last = i
                indent = String(lines[i].prefix(while: { $0 == " " }))
            } else if !trimmed.isEmpty && !trimmed.hasPrefix("#") {
                break
            }
            i += 1
        }
        lines.insert("\(indent)- \(file)", at: last + 1)
        return lines.joined(separator: "\n")
    }

    /// A chapter that builds as it is: the three parts every chapter has (question, experiment,
    /// what was found), with a figure and a claim on a small synthetic experiment.
    static func chapterTemplate(title: String, slug: String) -> String {
        """
        # \(title)

        One paragraph on the question this chapter asks, and the paper it comes from. Its first
        sentence is the chapter's summary on the home page.

        ## The experiment {#sec:\(slug)-experiment}

        Replace this experiment with your own: the directive language is in the README. This one
        trains a small MLP on a Gaussian mixture, so it needs no data files.

        ~~~experiment
        id: \(slug)
        title: a small MLP on a Gaussian mixture
        data: {set: gaussian-mixture, train: 200, test: 200, clusters: 4, classes: 2, dimension: 10}
        model: {mlp: [32]}
        optimizer: {sgd: {lr: 0.05, momentum: 0.9}}
        batch: 32
        epochs: 20
        seeds: [1, 2, 3]
        ~~~

        ~~~figure
        label: \(slug)-curves
        from: \(slug)
        x: epoch
        y: [train-accuracy, test-accuracy]
        caption: Training and test accuracy per epoch (mean over seeds; the band is ± one standard deviation).
        ~~~

        ## What we found

        @fig:\(slug)-curves shows the curves. State each finding as a claim, so the build judges it:

        ~~~claim
        from: \(slug)
        metric: train-accuracy
        expect: {at-least: 0.9}
        statement: The network fits the training set to at least 90% accuracy.
        ~~~

        """
    }

    private static func yamlQuoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

extension String {
    fileprivate var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
