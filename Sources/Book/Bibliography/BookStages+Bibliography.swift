import Bibliography
import Foundation

extension BookStages {
    /// The bibliography file every chapter cites from.
    static let bibliographyFile = "references.bib"

    /// Reads `references.bib` next to the chapters (when it exists) into the book index, and reports
    /// every citation of a key it does not define at its chapter line and column.
    static func readBibliography(_ s: BuildState) {
        let url = s.options.chaptersDirectory.appendingPathComponent(bibliographyFile)
        let display = "\(s.displayChapters)/\(bibliographyFile)"
        if FileManager.default.fileExists(atPath: url.path) {
            do {
                s.index.bibliography = try Bibliography(contentsOf: url.path, displayName: display)
            } catch {
                s.report(Diagnostic(file: display, line: max(error.line, 1), column: 1, message: error.message))
            }
        }
        for chapter in s.chapters {
            CitationCheck.diagnostics(source: s.sources[chapter.slug] ?? "", file: chapter.file,
                                      bibliography: s.index.bibliography, bibliographyPath: display).forEach(s.report)
        }
    }
}
