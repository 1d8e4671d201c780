import Foundation

/// A table directive as an HTML table (with its cells as CSV): numbered caption, the paper's values
/// beside ours when given, and a provenance line.
struct TableRenderer {
    let context: DirectiveContext

    func html(_ t: TableDirective, chapter: Chapter, target: BookIndex.Target) throws -> String {
        let set = try context.results(t.from.value)
        let data = try TableData.make(t, results: set)
        let base = "\(chapter.slug)-\(target.anchor)"
        context.output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<div class=\"table-card\" id=\"\(target.anchor.htmlEscaped)\">\n"
        let paperNote = t.paper.isEmpty ? "" : " “paper”: \(context.inline(t.paperSource, chapter: chapter)); Δ = ours − paper."
        html += "<div class=\"caption\"><span class=\"label\">Table \(target.number).</span> \(context.inline(t.caption, chapter: chapter))\(data.seeds > 1 ? " Mean ± std over \(data.seeds) seeds." : "")\(paperNote)</div>\n"
        html += "<div class=\"table-scroll\"><table>\n<thead><tr>"
        for (i, h) in data.header.enumerated() { html += i < data.rowHeaderCount ? "<th>\(h.htmlEscaped)</th>" : "<th class=\"num\">\(h.htmlEscaped)</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for row in data.rows {
            html += "<tr>" + row.enumerated().map { i, cell in
                i < data.rowHeaderCount ? "<td>\(cell.text.htmlEscaped)</td>" : "<td class=\"num\">\(cell.text.htmlEscaped)</td>"
            }.joined() + "</tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        html += context.provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</div>\n"
    }
}
