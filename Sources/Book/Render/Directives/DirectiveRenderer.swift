/// Hands each directive of a chapter to the renderer of its kind; a directive that failed validation,
/// or that cannot be drawn from its results, becomes an error card (and a build error when the
/// directive is at fault rather than a failed run).
struct DirectiveRenderer {
    let context: DirectiveContext

    func html(_ id: DirectiveID, in chapter: Chapter) -> String {
        guard let directive = chapter.directive(id) else { return "" }
        let target = context.state.index.directiveTargets[id]
        switch directive {
        case .failed(let kind, let d):
            return ErrorCard.html(kind: kind, message: d.description)
        case .experiment(let e):
            return ExperimentRenderer(context: context).html(e)
        case .figure(let f):
            return guarded(f.location, kind: "figure") { try FigureRenderer(context: context).html(f, chapter: chapter, target: target!) }
        case .table(let t):
            return guarded(t.location, kind: "table") { try TableRenderer(context: context).html(t, chapter: chapter, target: target!) }
        case .claim(let k):
            return ClaimRenderer(context: context).html(k, judgement: context.state.verdicts[id], chapter: chapter, target: target!)
        case .claimsIndex(let c):
            return ClaimsIndexRenderer(context: context).html(c, chapter: chapter, target: target!)
        }
    }

    /// A problem found while drawing becomes an error card, and a build error unless runs are missing.
    private func guarded(_ location: DirectiveLocation, kind: String, _ body: () throws -> String) -> String {
        do {
            return try body()
        } catch let issue as SpecIssue {
            let d = location.diagnostic(issue)
            context.output.report(d)
            return ErrorCard.html(kind: kind, message: d.description)
        } catch let missing as MissingResults {
            return ErrorCard.html(kind: kind, message: missing.message)
        } catch {
            let d = location.diagnostic("\(kind) cannot be drawn: \(error)")
            context.output.report(d)
            return ErrorCard.html(kind: kind, message: d.description)
        }
    }
}
