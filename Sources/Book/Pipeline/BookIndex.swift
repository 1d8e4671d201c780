import Bibliography

/// Everything that can be referred to across the book: experiments by id, and numbered labels.
struct BookIndex: Sendable {
    /// A numbered, linkable thing: figure, table, claim, equation or section.
    struct Target: Sendable {
        /// What a target is; the raw value is the prefix of its references (`@fig:name`).
        enum Kind: String, Sendable {
            case figure = "fig", table = "tbl", claim = "claim", equation = "eq", section = "sec", experiment = "exp"

            /// The word before its number: "Figure 1.2".
            var word: String {
                switch self {
                case .figure: "Figure"
                case .table: "Table"
                case .claim: "Claim"
                case .equation: "Equation"
                case .section: "Section"
                case .experiment: "Experiment"
                }
            }
        }

        var kind: Kind
        var label: String
        var chapterSlug: String
        /// "1.2" (sections and experiments: their title)
        var number: String
        var anchor: String
        var displayName: String
    }

    var experiments: [String: ExperimentDirective] = [:]
    var experimentChapter: [String: String] = [:]
    /// Targets by reference key, as written after `@`: `fig:curves`.
    var targets: [String: Target] = [:]
    /// The number and anchor assigned to each figure, table, claim and claims directive.
    var directiveTargets: [DirectiveID: Target] = [:]
    /// The works chapters cite (`Chapters/references.bib`), nil when the book has none.
    var bibliography: Bibliography?

    /// Builds the index and replaces directives whose references are broken by error cards.
    static func build(_ chapters: inout [Chapter], diagnostics: inout [Diagnostic]) -> BookIndex {
        var index = BookIndex()
        var brokenExperiments: [String: Diagnostic] = [:]
        var claimSignatures: [String: DirectiveLocation] = [:]
        // Experiments first, so that any chapter may refer to any experiment.
        for c in chapters.indices {
            for d in chapters[c].directives.indices {
                let placed = chapters[c].directives[d]
                if case .failed("experiment", let diagnostic) = placed.directive,
                   let id = (try? YAMLNode.parse(placed.body))?["id"], case .scalar(let name, _) = id.value.kind {
                    brokenExperiments[name] = diagnostic
                }
                guard case .experiment(let e) = placed.directive else { continue }
                if let other = index.experiments[e.id] {
                    let duplicate = e.location.diagnostic("duplicate experiment id '\(e.id)' (first defined at \(other.location.file):\(other.location.line))")
                    diagnostics.append(duplicate)
                    chapters[c].directives[d].directive = .failed(kind: "experiment", duplicate)
                    continue
                }
                index.experiments[e.id] = e
                index.experimentChapter[e.id] = chapters[c].slug
                index.targets["exp:\(e.id)"] = Target(kind: .experiment, label: e.id, chapterSlug: chapters[c].slug,
                                                      number: e.id, anchor: "exp-\(e.id)", displayName: "experiment \(e.id)")
            }
        }
        for c in chapters.indices {
            let chapter = chapters[c]
            var counters: [Target.Kind: Int] = [:]
            func next(_ kind: Target.Kind) -> String {
                counters[kind, default: 0] += 1
                return chapter.isNumbered ? "\(chapter.number).\(counters[kind]!)" : "\(counters[kind]!)"
            }
            // Labeled display equations.
            for span in chapter.math where span.display {
                guard let label = span.label else { continue }
                let number = next(.equation)
                index.add(Target(kind: .equation, label: label, chapterSlug: chapter.slug, number: number,
                                 anchor: "eq-\(label)", displayName: "Equation (\(number))"),
                          at: Diagnostic(file: chapter.file, line: span.line, column: 1, message: ""), diagnostics: &diagnostics)
            }
            // Headings with {#sec:name}.
            index.addSections(chapter.blocks, chapter: chapter, diagnostics: &diagnostics)
            for d in chapter.directives.indices {
                let (id, directive) = (chapter.directives[d].id, chapter.directives[d].directive)
                let (kind, label, location): (Target.Kind, Marked<String>?, DirectiveLocation)
                switch directive {
                case .figure(let f): (kind, label, location) = (.figure, f.label, f.location)
                case .table(let t): (kind, label, location) = (.table, t.label, t.location)
                case .claim(let k): (kind, label, location) = (.claim, k.label, k.location)
                case .claimsIndex(let c): (kind, label, location) = (.table, c.label, c.location)
                default: continue
                }
                let prefix = kind.rawValue
                let number = next(kind)
                let name = label?.value ?? "\(number)"
                let target = Target(kind: kind, label: name, chapterSlug: chapter.slug, number: number,
                                    anchor: "\(prefix)-\(name.replacingOccurrences(of: ".", with: "-"))",
                                    displayName: "\(kind.word) \(number)")
                index.directiveTargets[id] = target
                if let label {
                    if let other = index.targets["\(prefix):\(label.value)"] {
                        let duplicate = location.diagnostic(SpecIssue(mark: label.mark, message: "duplicate label '\(prefix):\(label.value)' (also \(other.displayName) in \(other.chapterSlug))"))
                        diagnostics.append(duplicate)
                        chapters[c].directives[d].directive = .failed(kind: prefix, duplicate)
                        continue
                    }
                    index.targets["\(prefix):\(label.value)"] = target
                }
                if let from = directive.from, index.experiments[from] == nil, let broken = brokenExperiments[from] {
                    // The experiment's own error is already reported; do not cascade.
                    chapters[c].directives[d].directive = .failed(kind: directive.kindName, Diagnostic(
                        file: location.file, line: location.line, column: location.column,
                        message: "experiment '\(from)' has an error (\(broken.file):\(broken.line)); nothing to show"))
                    continue
                }
                do throws(SpecIssue) {
                    try index.checkReferences(directive)
                    if case .claim(let k) = directive {
                        if let first = claimSignatures[k.signature] {
                            throw SpecIssue(mark: k.metric.mark, message: "this claim tests the same thing as the claim at \(first.file):\(first.line) (same experiment, selection, metric and check); remove one or make them differ")
                        }
                        claimSignatures[k.signature] = k.location
                    }
                } catch {
                    let broken = location.diagnostic(error)
                    diagnostics.append(broken)
                    chapters[c].directives[d].directive = .failed(kind: directive.kindName, broken)
                }
            }
        }
        // Second pass, once every label is known: references inside captions and statements.
        for chapter in chapters {
            for placed in chapter.directives {
                let texts: [String], location: DirectiveLocation
                switch placed.directive {
                case .figure(let f): (texts, location) = ([f.caption], f.location)
                case .table(let t): (texts, location) = ([t.caption], t.location)
                case .claimsIndex(let c): (texts, location) = ([c.caption], c.location)
                case .claim(let k): (texts, location) = ([k.statement, k.paper], k.location)
                default: continue
                }
                for text in texts {
                    for u in ProseRenderer.linkingReferences(text, index: index, from: chapter.slug).unknown {
                        diagnostics.append(location.diagnostic("unknown cross-reference '\(u)' in a caption or statement"))
                    }
                }
            }
        }
        return index
    }

    private mutating func add(_ target: Target, at place: Diagnostic, diagnostics: inout [Diagnostic]) {
        let key = "\(target.kind.rawValue):\(target.label)"
        if let other = targets[key] {
            var d = place
            d.message = "duplicate label '\(key)' (also \(other.displayName) in \(other.chapterSlug))"
            diagnostics.append(d)
            return
        }
        targets[key] = target
    }

    private mutating func addSections(_ blocks: [MarkdownBlock], chapter: Chapter, diagnostics: inout [Diagnostic]) {
        for block in blocks {
            guard case .heading(_, let inlines, let line) = block else { continue }
            let (text, label) = chapter.plainText(inlines).strippingHeadingLabel
            guard let label else { continue }
            add(Target(kind: .section, label: label, chapterSlug: chapter.slug, number: text, anchor: "sec-\(label)",
                       displayName: "“\(text)”"),
                at: Diagnostic(file: chapter.file, line: chapter.chapterLine(line), column: 1, message: ""), diagnostics: &diagnostics)
        }
    }

    // MARK: - References from figures, tables and claims

    /// The experiment named by `from`, or an issue listing the valid ids.
    func experiment(_ from: Marked<String>) throws(SpecIssue) -> ExperimentDirective {
        guard let e = experiments[from.value] else {
            let ids = experiments.keys.sorted()
            throw SpecIssue(mark: from.mark, message: "key 'from': unknown experiment '\(from.value)' \(NearestName.hint(from.value, among: ids.isEmpty ? ["(none defined)"] : ids))")
        }
        return e
    }

    /// The full parameter name for `name` (exact, or a unique dotted suffix such as `labels`).
    static func parameter(_ name: Marked<String>, in e: ExperimentDirective, key: String) throws(SpecIssue) -> String {
        let names = e.parameterNames
        if names.contains(name.value) { return name.value }
        let matches = names.filter { $0.hasSuffix("." + name.value) }
        if matches.count == 1 { return matches[0] }
        throw SpecIssue(mark: name.mark, message: "key '\(key)': '\(name.value)' is not a parameter of experiment '\(e.id)' \(NearestName.hint(name.value, among: names))")
    }

    /// Checks a metric reference against the experiment kind's catalog.
    static func checkMetric(_ metric: Marked<String>, in e: ExperimentDirective, key: String, allowParameters: Bool = false) throws(SpecIssue) {
        let ref = MetricReference(metric.value)
        let catalog = e.kind.metrics(e.base)
        let ok = ref.reduction == nil ? (catalog.series + catalog.scalars).contains(ref.name) : catalog.series.contains(ref.name)
        if ok { return }
        if allowParameters, (try? parameter(metric, in: e, key: key)) != nil { return }
        var valid = catalog.scalars + catalog.series
        if allowParameters { valid += e.parameterNames.filter { !valid.contains($0) } }
        throw SpecIssue(mark: metric.mark, message: "key '\(key)': unknown metric '\(metric.value)' for experiment '\(e.id)' \(NearestName.hint(ref.name, among: valid))")
    }

    /// Checks every term of a `where:` selection: known parameter, and a value the experiment has.
    static func checkSelection(_ s: Selection, in e: ExperimentDirective, key: String) throws(SpecIssue) {
        for term in s.terms {
            let name = try parameter(Marked(value: term.parameter, mark: term.keyMark), in: e, key: key)
            let values = parameterValues(name, in: e)
            if !values.contains(where: { ParameterMatch.matches(term.value, $0) }) {
                throw SpecIssue(mark: term.mark, message: "key '\(key).\(term.parameter)': experiment '\(e.id)' has no run with \(name) = '\(term.value)' (valid: \(values.map(\.description).joined(separator: ", ")))")
            }
        }
    }

    /// The values a parameter takes in an experiment.
    static func parameterValues(_ name: String, in e: ExperimentDirective) -> [SpecValue] {
        if name == "condition" { return e.conditions.map { .text($0.name) } }
        if name == "seed" { return e.seeds.map { .integer(Int($0)) } }
        return e.axes.first { $0.path == name }?.values ?? []
    }

    func checkReferences(_ directive: Directive) throws(SpecIssue) {
        switch directive {
        case .figure(let f):
            let e = try experiment(f.from)
            if f.plot.hasXAxis { try BookIndex.checkMetric(f.x, in: e, key: "x", allowParameters: true) }
            // A curve over a sweep parameter needs numbers on its x axis (build would reject it after training).
            if f.plot.needsNumericX, !e.kind.metrics(e.base).series.contains(f.x.value),
               let p = try? BookIndex.parameter(f.x, in: e, key: "x"),
               BookIndex.parameterValues(p, in: e).contains(where: { $0.doubleValue == nil }) {
                throw SpecIssue(mark: f.x.mark, message: "key 'x': parameter '\(p)' has non-numeric values (\(BookIndex.parameterValues(p, in: e).map(\.description).joined(separator: ", "))); use plot: bar, or a numeric parameter")
            }
            for y in f.y { try BookIndex.checkMetric(y, in: e, key: "y") }
            for l in f.imageLabels { try BookIndex.checkMetric(l, in: e, key: "image-labels") }
            if let h = f.highlight { try BookIndex.checkMetric(h, in: e, key: "highlight") }
            for s in f.series ?? [] { _ = try BookIndex.parameter(s, in: e, key: "series") }
            try BookIndex.checkSelection(f.selection, in: e, key: "where")
        case .table(let t):
            let e = try experiment(t.from)
            for c in t.columns { try BookIndex.checkMetric(c.metric, in: e, key: "columns") }
            for r in t.rows ?? [] { _ = try BookIndex.parameter(r, in: e, key: "rows") }
            try BookIndex.checkSelection(t.selection, in: e, key: "where")
            for row in t.paper {
                try BookIndex.checkSelection(row.selection, in: e, key: "paper.where")
                for v in row.values where !t.columns.map(\.metric.value).contains(v.metric) {
                    throw SpecIssue(mark: v.mark, message: "key 'paper.\(v.metric)': not one of the table's columns \(NearestName.hint(v.metric, among: t.columns.map(\.metric.value)))")
                }
            }
        case .claim(let k):
            let e = try experiment(k.from)
            try BookIndex.checkMetric(k.metric, in: e, key: "metric")
            try BookIndex.checkSelection(k.selection, in: e, key: "where")
            try k.checkCanFail()
            switch k.expectation {
            case .above(let other, _), .below(let other, _):
                try BookIndex.checkSelection(other, in: e, key: "expect")
            case .increasing(let p), .decreasing(let p):
                _ = try BookIndex.parameter(p, in: e, key: "expect")
            case .order(let by, let values):
                let name = try BookIndex.parameter(by, in: e, key: "expect.by")
                let valid = BookIndex.parameterValues(name, in: e)
                for v in values where !valid.contains(where: { ParameterMatch.matches(v.value, $0) }) {
                    throw SpecIssue(mark: v.mark, message: "key 'expect.order': experiment '\(e.id)' has no run with \(name) = '\(v.value)' (valid: \(valid.map(\.description).joined(separator: ", ")))")
                }
            default: break
            }
        default: break
        }
    }
}
