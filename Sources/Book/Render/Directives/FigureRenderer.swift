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
        let base = "\(chapter.slug)-\(target.anchor)"
        var data: FigureData, size = (width: 640, height: 400)
        if let by = f.style.panels {
            let drawn = try FigurePanels(figure: f, set: set, parameter: by).render()
            data = drawn.data
            size = (drawn.width, drawn.height)
            context.output.files["figures/\(base).png"] = Data(drawn.light)
            context.output.files["figures/\(base)-dark.png"] = Data(drawn.dark)
        } else {
            data = try FigureData.make(f, results: set)
            if !f.style.alsoFrom.isEmpty {
                let others = try f.style.alsoFrom.map { id throws in
                    guard context.state.index.experiments[id.value] != nil else {
                        let near = NearestName.suggest(id.value, among: Array(context.state.index.experiments.keys))
                        throw SpecIssue(mark: id.mark, message: "key 'also-from': no experiment '\(id.value)'" + (near.map { " (did you mean '\($0)'?)" } ?? ""))
                    }
                    return try context.results(id.value)
                }
                data = try FigureData.combined(f, sets: [set] + others)
            }
            let chart = FigureChart(figure: f, data: data)
            context.output.files["figures/\(base).png"] = Data(try chart.png(context.figures))
            context.output.files["figures/\(base)-dark.png"] = Data(try chart.png(context.figures, appearance: .dark))
        }
        context.output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<figure class=\"result\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<picture><source srcset=\"figures/\(base.htmlEscaped)-dark.png\" media=\"(prefers-color-scheme: dark)\">"
        let alt = CitationRenderer.plain(context.alt(f, target: target, fallback: data.yLabel), bibliography: context.state.index.bibliography)
        html += "<img src=\"figures/\(base.htmlEscaped).png\" alt=\"\(alt.htmlEscaped)\" width=\"\(size.width)\" height=\"\(size.height)\"></picture>\n"
        let spread = data.seeds > 1 && f.band && f.plot != .histogram ? (f.plot == .bar ? " Error bars: ± one standard deviation over \(data.seeds) seeds."
                   : " Shaded: ± one standard deviation over \(data.seeds) seeds, within the lowest and the highest.") : ""
        html += "<figcaption><span class=\"label\">Figure \(target.number).</span> \(context.inline(f.caption, chapter: chapter))\(spread)</figcaption>\n"
        html += context.provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</figure>\n"
    }
}
