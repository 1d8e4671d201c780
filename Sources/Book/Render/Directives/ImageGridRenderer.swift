import Foundation
import Charts

/// A `plot: images` figure: a grid of the images the runs stored, one row per group of runs, with
/// column labels, per-image captions and highlighted frames when the figure asks for them.
struct ImageGridRenderer {
    let context: DirectiveContext

    func html(_ f: FigureDirective, chapter: Chapter, target: BookIndex.Target, set: ResultSet) throws -> String {
        let data = try ImageGridData.make(f, results: set)
        let images = data.rows.map { row in
            row.images.map { data.channels == 3 ? GridImage(width: data.width, height: data.height, rgb: $0)
                                                : GridImage(width: data.width, height: data.height, gray: $0) }
        }
        let labels = f.columnLabels.count == images[0].count ? f.columnLabels : []
        let captions = data.rows.contains { !$0.captions.isEmpty } ? data.rows.map(\.captions) : []
        let highlighted = data.rows.contains { !$0.highlighted.isEmpty } ? data.rows.map(\.highlighted) : []
        let grid = ImageGrid(title: f.title, images: images, rowLabels: data.rows.map(\.name), columnLabels: labels,
                             cellLabels: captions, highlighted: highlighted)
        let height = min(1200, try grid.naturalHeight(width: 640))
        let png = try context.figures.png(grid, width: 640, height: height)
        let base = "\(chapter.slug)-\(target.anchor)"
        context.output.files["figures/\(base).png"] = Data(png)
        context.output.files["data/\(base).csv"] = Data(data.csv.utf8)
        var html = "<figure class=\"result\" id=\"\(target.anchor.htmlEscaped)\">\n"
        html += "<img src=\"figures/\(base.htmlEscaped).png\" alt=\"\(context.alt(f, target: target).htmlEscaped)\" width=\"640\" height=\"\(height)\">\n"
        html += "<figcaption><span class=\"label\">Figure \(target.number).</span> \(context.inline(f.caption, chapter: chapter))</figcaption>\n"
        html += context.provenance(set, dataFile: "data/\(base).csv", chapter: chapter)
        return html + "</figure>\n"
    }
}
