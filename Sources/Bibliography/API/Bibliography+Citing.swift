extension Bibliography {
    /// The text a citation reads as ("(Zhang et al. 2017, Table 1)", "Zhang et al. (2017)"), with
    /// each work's part separately so a renderer can link it. Throws for the first unknown key, with
    /// the nearest defined key as a suggestion.
    public func parts(of citation: Citation) throws(UnknownCitationKey) -> (open: String, works: [(key: String, text: String)], close: String) {
        var works: [(String, String)] = []
        for work in citation.works {
            guard let entry = self[work.key] else {
                throw UnknownCitationKey(key: work.key, offset: work.offset, suggestion: suggestion(for: work.key), file: file)
            }
            let locator = work.locator.isEmpty ? "" : ", " + work.locator
            switch citation.form {
            case .parenthetical: works.append((work.key, entry.citationAuthors + " " + entry.year + locator))
            case .yearOnly: works.append((work.key, entry.year + locator))
            case .narrative: works.append((work.key, entry.citationAuthors + " (" + entry.year + locator + ")"))
            }
        }
        return citation.form == .narrative ? ("", works, "") : ("(", works, ")")
    }
}

/// A citation of a key the bibliography does not define.
public struct UnknownCitationKey: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key as written.
    public var key: String
    /// Offset of its `@` in the text it was found in.
    public var offset: Int
    /// The closest defined key, if any is close.
    public var suggestion: String?
    /// The .bib file that was searched.
    public var file: String

    /// Creates the error.
    public init(key: String, offset: Int, suggestion: String?, file: String) {
        self.key = key; self.offset = offset; self.suggestion = suggestion; self.file = file
    }

    /// `unknown citation key "zang2017" (did you mean "zhang2017"?); keys are defined in refs.bib`.
    public var description: String {
        "unknown citation key \"\(key)\"" + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "") + "; keys are defined in \(file)"
    }
}
