import Foundation

/// Grouped bars: one slot per category, one bar per group inside each slot.
///
/// ```swift
/// let bars = BarChart(title: "Test accuracy by regularizer",
///                     categories: ["none", "weight decay", "dropout", "augmentation"],
///                     groups: [BarGroup("train", values: tr), BarGroup("test", values: te, errors: sd)],
///                     yAxis: Axis("accuracy", range: 0...1))
/// ```
///
/// Value labels (`showValues`) are drawn only when they fit above their bars without touching
/// their neighbours. Bars grow from zero (from the bottom of the axis on a log scale). No categories, no groups, a
/// group whose value count differs from the category count, NaN or infinite values, negative
/// error bars, and non-positive values on a log axis throw `ChartError`.
public struct BarChart: Hashable, Sendable, Codable {
    /// Title above the plot.
    public var title: String
    /// One label per slot along the x axis.
    public var categories: [String]
    /// The bar groups; group `g` gives one value per category.
    public var groups: [BarGroup]
    /// Label under the category names (may be empty).
    public var xLabel: String
    /// The value axis.
    public var yAxis: Axis
    /// Labelled horizontal lines (e.g. chance level) at y values, and vertical lines at slot
    /// positions: category `c` is centred at `c`, so `1.5` runs between the second and third slots.
    public var referenceLines: [ReferenceLine]
    /// Where the legend goes (only drawn when there is more than one named group).
    public var legend: LegendPlacement
    /// Prints each bar's value above it.
    public var showValues: Bool

    /// Creates a grouped bar chart description.
    public init(title: String = "", categories: [String], groups: [BarGroup], xLabel: String = "",
                yAxis: Axis = Axis(), referenceLines: [ReferenceLine] = [], legend: LegendPlacement = .automatic,
                showValues: Bool = false) {
        self.title = title; self.categories = categories; self.groups = groups; self.xLabel = xLabel
        self.yAxis = yAxis; self.referenceLines = referenceLines; self.legend = legend; self.showValues = showValues
    }

    /// Renders to PNG bytes (`width`×`height` logical units at `scale` device pixels per unit).
    public func renderPNG(width: Int = 640, height: Int = 400, scale: Int = 2) throws -> [UInt8] {
        try chart().renderPNG(width: width, height: height, scale: scale)
    }

    /// Renders and writes a PNG file (creating its folder).
    public func write(to path: String, width: Int = 640, height: Int = 400, scale: Int = 2) throws {
        try writeFile(renderPNG(width: width, height: height, scale: scale), to: path)
    }

    /// The data-space extent of bar `g` in category `c`: centre and width (slot width 1).
    func barSlot(category c: Int, group g: Int) -> (center: Double, width: Double) {
        let w = 0.8 / Double(groups.count)
        return (Double(c) - 0.4 + (Double(g) + 0.5) * w, w)
    }

    func chart() throws -> CartesianChart {
        guard !categories.isEmpty else { throw ChartError.emptyData("BarChart \"\(title)\" has no categories") }
        guard !groups.isEmpty else { throw ChartError.emptyData("BarChart \"\(title)\" has no groups") }
        let logY = yAxis.scale == .log
        var ys: [Double] = []
        for (i, g) in groups.enumerated() {
            let name = g.name.isEmpty ? "group #\(i)" : "group \"\(g.name)\""
            try Validation.sameLength(g.values.count, categories.count, "\(name): values")
            try Validation.finite(g.values, "\(name): values")
            if logY { try Validation.positive(g.values, "\(name): values", axis: "y") }
            ys += g.values
            if let e = g.errors {
                try Validation.sameLength(e.count, categories.count, "\(name): errors")
                try Validation.finite(e, "\(name): errors")
                if let k = e.firstIndex(where: { $0 < 0 }) {
                    throw ChartError.invalidParameter("\(name): errors[\(k)] = \(e[k]) is negative")
                }
                ys += zip(g.values, e).map { $0 + $1 }
                ys += zip(g.values, e).map { $0 - $1 }.filter { !logY || $0 > 0 }
            }
        }
        let slotRange = -0.5...(Double(categories.count) - 0.5)
        for r in referenceLines {
            guard r.value.isFinite else { throw ChartError.nonFiniteValue("reference line \"\(r.label)\" at \(r.value)") }
            if r.orientation == .horizontal { ys.append(r.value) }
            if r.orientation == .vertical, !slotRange.contains(r.value) {
                throw ChartError.invalidParameter("vertical reference line \"\(r.label)\" at slot position \(r.value) is outside the \(categories.count) slots (\(slotRange.lowerBound)...\(slotRange.upperBound))")
            }
        }
        var ySpec = try AxisSpec.numeric(yAxis, values: ys, includeZero: !logY, padFraction: showValues ? 0.1 : 0.04, what: "y")
        if logY && yAxis.range == nil { ySpec = try AxisSpec.numeric(yAxis, values: ys, padFraction: 0.1, what: "y") }
        let xSpec = AxisSpec.categorical(xLabel, names: categories)
        let groups = self.groups
        let colors = groups.indices.map { groups[$0].color ?? Palette.categorical($0) }
        let entries = groups.count < 2 ? [] : groups.indices.filter { !groups[$0].name.isEmpty }.map {
            LegendEntry(label: groups[$0].name, color: colors[$0], swatch: .patch)
        }
        let base = logY ? ySpec.lo : 0
        let slots = categories.indices.map { c in groups.indices.map { barSlot(category: c, group: $0) } }
        let showValues = self.showValues
        // One number of decimals for all value labels (at most three), so 0.9 reads as 0.90 next to 0.86.
        let decimals = (0...3).first { d in
            groups.allSatisfy { $0.values.allSatisfy { v in abs(v * pow(10, Double(d)) - (v * pow(10, Double(d))).rounded()) < 1e-6 } }
        } ?? 3
        func rect(_ f: CartesianFrame, _ c: Int, _ g: Int) -> Rect {
            let s = slots[c][g]
            let x0 = f.px(s.center - s.width / 2), x1 = f.px(s.center + s.width / 2)
            let top = f.py(groups[g].values[c]), bottom = f.py(base)
            return Rect(x: x0 + 0.5, y: min(top, bottom), width: x1 - x0 - 1, height: abs(bottom - top))
        }
        // Value labels are left out when the widest one is wider than a bar plus its gaps.
        func valuesFit(_ canvas: Canvas, _ f: CartesianFrame) -> Bool {
            let barWidth = f.px(0.8 / Double(groups.count)) - f.px(0)
            let widest = groups.flatMap(\.values).map { canvas.measure(Ticks.fixed($0, decimals: decimals), style: Theme.annotation).width }.max() ?? 0
            return widest <= barWidth + 2
        }
        return CartesianChart(
            title: title, x: xSpec, y: ySpec, legend: entries, legendPlacement: legend,
            referenceLines: referenceLines, notes: [],
            mark: { grid, f in
                for c in categories.indices {
                    for g in groups.indices {
                        let r = rect(f, c, g)
                        grid.markRect(r)
                        if let e = groups[g].errors?[c] { grid.markRect(Rect(x: r.minX, y: f.py(groups[g].values[c] + e) - 2, width: r.width, height: 4)) }
                        if showValues { grid.markRect(Rect(x: r.minX, y: r.minY - 14, width: r.width, height: 14)) }
                    }
                }
            },
            draw: { canvas, f in
                for c in categories.indices {
                    for g in groups.indices {
                        let r = rect(f, c, g)
                        canvas.fillRect(r, color: colors[g])
                        let v = groups[g].values[c]
                        if let e = groups[g].errors?[c], e > 0 {
                            let cx = r.midX, hi = f.py(v + e)
                            let lo = logY && v - e <= 0 ? f.py(base) : f.py(v - e)
                            let cap = min(r.width * 0.25, 4)
                            canvas.strokeLine(from: Point(cx, lo), to: Point(cx, hi), lineWidth: 1, color: .ink)
                            canvas.strokeLine(from: Point(cx - cap, hi), to: Point(cx + cap, hi), lineWidth: 1, color: .ink)
                            canvas.strokeLine(from: Point(cx - cap, lo), to: Point(cx + cap, lo), lineWidth: 1, color: .ink)
                        }
                    }
                }
            },
            overlay: { canvas, f in
                guard showValues && valuesFit(canvas, f) else { return }
                for c in categories.indices {
                    for g in groups.indices {
                        let r = rect(f, c, g)
                        let v = groups[g].values[c]
                        var labelY = min(r.minY, f.py(v))
                        if let e = groups[g].errors?[c], e > 0 { labelY = min(labelY, f.py(v + e)) }
                        canvas.drawText(Ticks.fixed(v, decimals: decimals), at: Point(r.midX, labelY - 2),
                                        style: Theme.annotation, anchor: .bottomCenter)
                    }
                }
            })
    }
}
