import Foundation
import Charts

/// A figure directive as a PNG plot (with its data as CSV), a numbered caption and a provenance line.
/// `plot: images` draws an image grid (``ImageGridRenderer``); every other plot is a chart
/// (``FigureChart``).
struct FigureRenderer {
    let context: DirectiveContext

    func html(_ f: FigureDirective, chapter: Chapter, target: BookIndex.Target) throws -> String {
        let set = try context.results(f.from.value)
        if f.plot == .images { return try ImageGridRenderer(context: context).html(f, chapter: chapter, target: target, set: set) }
        let data = try FigureData.make(f, results: set)
        let png = try FigureChart(figure: f, data: data).png(context.figures)
        let base = "\(chapter.slug)-\(target.anchor)"
        context.output.files["figures/\(base).png"] = Data(png)
        context.output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<figure class=\"result\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<img src=\"figures/\(base.htmlEscaped).png\" alt=\"\(context.alt(f, target: target, fallback: data.yLabel).htmlEscaped)\" width=\"640\" height=\"400\">\n"
        let spread = data.seeds > 1 && f.band && f.plot != .histogram ? (f.plot == .bar ? " Error bars" : " Shaded") + ": ± one standard deviation over \(data.seeds) seeds." : ""
        html += "<figcaption><span class=\"label\">Figure \(target.number).</span> \(context.inline(f.caption, chapter: chapter))\(spread)</figcaption>\n"
        html += context.provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</figure>\n"
    }
}
