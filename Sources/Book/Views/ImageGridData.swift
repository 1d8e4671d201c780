/// The images behind a `plot: images` figure: one row per group of runs (the first seed's run),
/// each row the images stored back to back in one recorded series.
struct ImageGridData: Sendable {
    /// One group's images, with the text lines under each image and which images are framed.
    struct Row: Sendable { var name: String; var images: [[Double]]; var captions: [[String]] = []; var highlighted: [Bool] = [] }
    var rows: [Row]
    var height: Int
    var width: Int
    var channels: Int

    static func make(_ figure: FigureDirective, results: ResultSet) throws(SpecIssue) -> ImageGridData {
        let selected = results.selecting(figure.selection)
        guard !selected.runs.isEmpty else { throw SpecIssue(mark: YAMLMark(line: 1, column: 1), message: "no runs match the figure's selection") }
        let e = selected.experiment
        guard figure.y.count == 1, let metric = figure.y.first else {
            throw SpecIssue(mark: figure.y.first?.mark ?? YAMLMark(line: 1, column: 1), message: "key 'y': an image grid shows one series of images")
        }
        let groupBy = try figure.series.map { list throws(SpecIssue) in
            try list.map { s throws(SpecIssue) in try BookIndex.parameter(s, in: e, key: "series") }
        } ?? selected.varyingParameters
        var rows: [Row] = []
        var shape: (Int, Int, Int)? = nil
        for group in selected.grouped(by: groupBy) {
            guard let first = group.runs.min(by: { $0.run.seed < $1.run.seed }) else { continue }
            let m = first.result.measurements
            guard let values = m.series[metric.value], !values.isEmpty else {
                throw SpecIssue(mark: metric.mark, message: "key 'y': the runs recorded no '\(metric.value)' values (for kind train, set record.samples)")
            }
            let channels = Int(m.scalars["sample-channels"] ?? 1)
            let (h, w): (Int, Int)
            if let size = figure.imageSize { (h, w) = size }
            else if let sh = m.scalars["sample-height"], let sw = m.scalars["sample-width"] { (h, w) = (Int(sh), Int(sw)) }
            else { throw SpecIssue(mark: metric.mark, message: "key 'image-size': give [height, width] of the images in '\(metric.value)'") }
            let size = h * w * channels
            guard size > 0, values.count % size == 0 else {
                throw SpecIssue(mark: metric.mark, message: "key 'y': '\(metric.value)' has \(values.count) values, not a multiple of \(h)×\(w)×\(channels)")
            }
            shape = (h, w, channels)
            var images: [[Double]] = []
            for k in 0..<(values.count / size) {
                let chw = Array(values[(k * size)..<((k + 1) * size)])
                // (C, H, W) as recorded → row-major (H, W, C) as drawn.
                images.append(channels == 1 ? chw : (0..<(h * w)).flatMap { p in (0..<channels).map { chw[$0 * h * w + p] } })
            }
            let name = ResultSet.groupName(group.values)
            var row = Row(name: name.isEmpty ? metric.value : name, images: images)
            if !figure.imageLabels.isEmpty {
                let lines = try figure.imageLabels.map { s throws(SpecIssue) in try perImage(s, m, count: images.count, key: "image-labels") }
                row.captions = images.indices.map { k in lines.map { caption($0[k], names: figure.labelNames) } }
            }
            if let h = figure.highlight {
                row.highlighted = try perImage(h, m, count: images.count, key: "highlight").map { $0.isFinite && $0 != 0 }
            }
            rows.append(row)
        }
        let count = rows.map(\.images.count).min() ?? 0
        rows = rows.map { Row(name: $0.name, images: Array($0.images.prefix(count)), captions: Array($0.captions.prefix(count)),
                              highlighted: Array($0.highlighted.prefix(count))) }
        guard let (h, w, c) = shape, count > 0 else { throw SpecIssue(mark: metric.mark, message: "key 'y': no images to show") }
        return ImageGridData(rows: rows, height: h, width: w, channels: c)
    }

    /// A series with one value per image (for `image-labels` and `highlight`).
    private static func perImage(_ name: Marked<String>, _ m: Measurements, count: Int, key: String) throws(SpecIssue) -> [Double] {
        guard let values = m.series[name.value] else {
            throw SpecIssue(mark: name.mark, message: "key '\(key)': the runs recorded no '\(name.value)' values (valid: \(m.series.keys.sorted().joined(separator: ", ")))")
        }
        guard values.count >= count else {
            throw SpecIssue(mark: name.mark, message: "key '\(key)': '\(name.value)' has \(values.count) values for \(count) images")
        }
        return values
    }

    /// `names[v]` for an integer `v` in range, the number itself otherwise, nothing for NaN.
    private static func caption(_ v: Double, names: [String]) -> String {
        guard v.isFinite else { return "" }
        if let i = Int(exactly: v), names.indices.contains(i) { return names[i] }
        return v.shortDescription
    }

    var csv: String {
        var lines = ["row,image,pixel,value"]
        for row in rows {
            for (k, image) in row.images.enumerated() {
                for (p, v) in image.enumerated() { lines.append("\(row.name.csvField),\(k),\(p),\(v.csvNumber)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
