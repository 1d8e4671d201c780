import Foundation

/// The book's settings from `Chapters/book.yml`.
struct BookConfig: Sendable {
    var title: String
    var subtitle: String
    /// An introduction shown on the home page (Markdown).
    var introduction: String
    /// Page file names in reading order: the front matter, then the chapters (default: every `*.md`
    /// in the folder, sorted).
    var chapters: [String]
    /// Pages before the first chapter that carry no chapter number (`front-matter:`), such as an
    /// introduction or a preface.
    var frontMatter: Set<String> = []
    /// Part titles by the file name of the part's first chapter (`parts:`).
    var partTitles: [String: String] = [:]

    /// The title of the part whose first chapter is `chapter`, if one starts there.
    func partTitle(openedBy chapter: Chapter) -> String? { partTitles["\(chapter.slug).md"] }
    /// Whether raw HTML in prose is passed through (off: it is shown as text).
    var allowHTML: Bool
    /// Seeds a claim on a stochastic experiment needs before it is judged (`min-seeds`, default 3).
    var minSeeds: Int = 3

    static let fields = [
        SpecField("title", .text, default: .text("Untitled book")),
        SpecField("subtitle", .text, default: .text("")),
        SpecField("introduction", .text, default: .text("")),
        SpecField("front-matter", .list(.text, count: 0...100), default: .list([])),
        SpecField("chapters", .list(.text, count: 0...1000), default: .list([])),
        SpecField("parts", .list(.record([SpecField("title", .text), SpecField("chapters", .list(.text, count: 1...1000))]),
                                 count: 0...100), default: .list([])),
        SpecField("allow-html", .boolean, default: .boolean(false)),
        SpecField("min-seeds", ClaimDirective.minSeedsType, default: .integer(3)),
    ]

    /// Reads `book.yml` in `directory` (defaults when absent); `displayDirectory` prefixes messages.
    static func load(directory: URL, displayDirectory: String) throws -> BookConfig {
        let url = directory.appendingPathComponent("book.yml")
        let file = "\(displayDirectory)/book.yml"
        var value: SpecValue = .record([:])
        var partsMark = YAMLMark(line: 1, column: 1)
        if FileManager.default.fileExists(atPath: url.path) {
            guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                throw Diagnostic(file: file, line: 1, column: 1, message: "cannot read the book config as UTF-8 text")
            }
            do {
                var validator = SpecValidator()
                let root = try YAMLNode.parse(text)
                partsMark = root["parts"]?.keyMark ?? partsMark
                value = try validator.record(root, fields: fields, path: "")
            } catch {
                throw Diagnostic(file: file, line: error.mark.line, column: error.mark.column, message: error.message)
            }
        } else {
            var validator = SpecValidator()
            value = try validator.record(YAMLNode(kind: .mapping([]), mark: YAMLMark(line: 1, column: 1)), fields: fields, path: "")
        }
        let frontMatter = value[path: "front-matter"]!.listValue!.map { $0.textValue! }
        var chapters = value[path: "chapters"]!.listValue!.map { $0.textValue! }
        var partTitles: [String: String] = [:]
        let parts = value[path: "parts"]!.listValue!
        if !parts.isEmpty {
            guard chapters.isEmpty else {
                throw Diagnostic(file: file, line: partsMark.line, column: partsMark.column,
                                 message: "key 'parts': give either 'chapters:' (one list) or 'parts:' (titled lists of chapters), not both")
            }
            for part in parts {
                let files = part[path: "chapters"]!.listValue!.map { $0.textValue! }
                partTitles[files[0]] = part[path: "title"]!.textValue!
                chapters += files
            }
        }
        if chapters.isEmpty {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            chapters = names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && !frontMatter.contains($0) }.sorted()
        }
        chapters = frontMatter + chapters
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        for name in chapters where name.hasPrefix(".") || !name.hasSuffix(".md") || !name.allSatisfy(allowed.contains) {
            throw Diagnostic(file: file, line: 1, column: 1, message: "chapter '\(name)' must be a .md file name inside \(displayDirectory)/ made of letters, digits, '-', '_' and '.' (no folders, no spaces)")
        }
        for name in chapters where ["index.md", "reproducibility.md"].contains(name) {
            throw Diagnostic(file: file, line: 1, column: 1, message: "chapter '\(name)' would replace the generated page '\(name.dropLast(3)).html'; rename the file")
        }
        if let duplicate = Dictionary(grouping: chapters, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
            throw Diagnostic(file: file, line: 1, column: 1, message: "chapter '\(duplicate)' is listed more than once")
        }
        return BookConfig(title: value[path: "title"]!.textValue!, subtitle: value[path: "subtitle"]!.textValue!,
                          introduction: value[path: "introduction"]!.textValue!, chapters: chapters,
                          frontMatter: Set(frontMatter), partTitles: partTitles,
                          allowHTML: value[path: "allow-html"]!.boolValue!, minSeeds: value[path: "min-seeds"]!.intValue!)
    }
}
