/// A `claims` directive: a numbered table of every claim of the book with its verdict
/// (``ClaimsTable``; every claim was judged before rendering, so later chapters are included).
struct ClaimsIndexRenderer {
    let context: DirectiveContext

    func html(_ c: ClaimsIndexDirective, chapter: Chapter, target: BookIndex.Target) -> String {
        var html = "<div class=\"table-card\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<div class=\"caption\"><span class=\"label\">Table \(target.number).</span> \(context.inline(c.caption, chapter: chapter))</div>\n"
        return html + ClaimsTable.html(context.state.verdicts, index: context.state.index) + "\n</div>\n"
    }
}
