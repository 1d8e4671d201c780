import Bibliography

/// Finds the citations of a chapter's source, line by line: which works it cites (for its reference
/// list) and which keys the bibliography does not define (as `file:line:column` errors with the
/// nearest key). Code is skipped: fenced blocks other than directives, and inline code spans.
enum CitationCheck {
    /// The directive kinds whose bodies may cite (`paper:`, `caption:`, …).
    static let directiveKinds: Set<String> = ["experiment", "figure", "table", "claim", "claims"]

    /// Every citation of `source` with its 1-based line and column.
    static func citations(in source: String) -> [(line: Int, column: Int, work: Citation.Work)] {
        var out: [(Int, Int, Citation.Work)] = []
        var fence: (marker: String, skip: Bool)? = nil
        for (i, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let trimmed = line.drop(while: { $0 == " " })
            if let f = fence {
                if trimmed.hasPrefix(f.marker) && trimmed.drop(while: { $0 == f.marker.first }).allSatisfy({ $0 == " " }) { fence = nil; continue }
                if f.skip { continue }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = String(trimmed.prefix(while: { $0 == trimmed.first }))
                let info = trimmed.dropFirst(marker.count).split(separator: " ").first.map(String.init) ?? ""
                fence = (marker, !directiveKinds.contains(info))
                continue
            }
            for case .citation(let c) in CitationText.segments(withoutCodeSpans(line)) {
                for w in c.works { out.append((i + 1, w.offset + 1, w)) }
            }
        }
        return out
    }

    /// The line with every `` `code` `` span blanked out (same length, so columns stay right).
    static func withoutCodeSpans(_ line: String) -> String {
        guard line.contains("`") else { return line }
        var out = "", inCode = false
        for c in line {
            if c == "`" { inCode.toggle(); out.append(" ") } else { out.append(inCode ? " " : c) }
        }
        return out
    }

    /// Errors for unknown keys in one chapter.
    static func diagnostics(source: String, file: String, bibliography: Bibliography?, bibliographyPath: String) -> [Diagnostic] {
        citations(in: source).compactMap { c in
            guard let bibliography else {
                return Diagnostic(file: file, line: c.line, column: c.column,
                                  message: "citation '@\(c.work.key)' but there is no bibliography; add \(bibliographyPath) (BibTeX)")
            }
            guard bibliography[c.work.key] == nil else { return nil }
            let error = UnknownCitationKey(key: c.work.key, offset: c.work.offset, suggestion: bibliography.suggestion(for: c.work.key), file: bibliography.file)
            return Diagnostic(file: file, line: c.line, column: c.column, message: error.description)
        }
    }

    /// The keys a chapter cites that the bibliography defines, in first-cited order.
    static func citedKeys(source: String, bibliography: Bibliography) -> [String] {
        var keys: [String] = []
        for c in citations(in: source) where bibliography[c.work.key] != nil && !keys.contains(c.work.key) { keys.append(c.work.key) }
        return keys
    }
}
