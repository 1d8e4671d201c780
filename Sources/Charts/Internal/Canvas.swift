/// An opaque RGB raster with anti-aliased drawing primitives.
///
/// Callers draw in logical coordinates; the canvas multiplies by `scale` (2 for sharp display on
/// high-density screens), so layout code never thinks about device pixels. Pixels are Float RGB in
/// 0...1, stored row-major `(height, width, 3)`; sources are blended "over" with straight alpha.
/// Every primitive first builds a coverage mask (max-combined, so overlapping segments of one
/// polyline do not darken joints) and then blends it once.
struct Canvas {
    let width: Int          // device pixels
    let height: Int         // device pixels
    let scale: Double       // device pixels per logical unit
    var pixels: [Float]     // (height, width, 3)
    /// Logical clip rectangle applied to all drawing, or nil for the whole canvas.
    var clip: Rect?
    /// The text renderer (DejaVu Sans through FreeType).
    let font: FontRasterizer
    /// Light or dark: every colour drawn (not image pixels) goes through `appearance.resolve`.
    let appearance: Appearance

    /// Creates a canvas filled with `background`; throws if the fonts cannot be loaded.
    init(logicalWidth: Double, logicalHeight: Double, scale: Double, background: Color = .white) throws(ChartError) {
        font = try FontRasterizer.shared.get()
        appearance = Appearance.current
        let background = appearance.resolve(background)
        self.scale = scale
        width = Int((logicalWidth * scale).rounded())
        height = Int((logicalHeight * scale).rounded())
        pixels = [Float](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) {
            pixels[3 * i] = Float(background.red)
            pixels[3 * i + 1] = Float(background.green)
            pixels[3 * i + 2] = Float(background.blue)
        }
    }

    var logicalWidth: Double { Double(width) / scale }
    var logicalHeight: Double { Double(height) / scale }

    /// The device-pixel box `[x0, x1) × [y0, y1)` that drawing may touch.
    var pixelBounds: (x0: Int, y0: Int, x1: Int, y1: Int) {
        guard let c = clip else { return (0, 0, width, height) }
        let x0 = max(0, Int((c.minX * scale).rounded())), y0 = max(0, Int((c.minY * scale).rounded()))
        let x1 = min(width, Int((c.maxX * scale).rounded())), y1 = min(height, Int((c.maxY * scale).rounded()))
        return (x0, y0, max(x0, x1), max(y0, y1))
    }

    // MARK: - Blending

    /// Blends `color` over the pixels of `mask`, weighting by coverage.
    mutating func blend(_ mask: CoverageMask, color: Color) {
        let b = pixelBounds
        let color = appearance.resolve(color)
        let r = Float(color.red), g = Float(color.green), bl = Float(color.blue), a = Float(color.alpha)
        let xs = max(mask.x0, b.x0), xe = min(mask.x0 + mask.width, b.x1)
        let ys = max(mask.y0, b.y0), ye = min(mask.y0 + mask.height, b.y1)
        guard xs < xe, ys < ye else { return }
        mask.values.withUnsafeBufferPointer { m in
            pixels.withUnsafeMutableBufferPointer { p in
                for y in ys..<ye {
                    let mRow = (y - mask.y0) * mask.width - mask.x0
                    for x in xs..<xe {
                        let c = m[mRow + x]
                        if c <= 0 { continue }
                        let t = min(c, 1) * a
                        let i = 3 * (y * width + x)
                        p[i] += (r - p[i]) * t
                        p[i + 1] += (g - p[i + 1]) * t
                        p[i + 2] += (bl - p[i + 2]) * t
                    }
                }
            }
        }
    }

    /// Sets one device pixel to an opaque colour (used for nearest-neighbour image blits).
    mutating func setPixel(x: Int, y: Int, red: Float, green: Float, blue: Float) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let i = 3 * (y * width + x)
        pixels[i] = red; pixels[i + 1] = green; pixels[i + 2] = blue
    }

    // MARK: - Primitives

    /// Fills a rectangle with exact area coverage at its edges.
    mutating func fillRect(_ rect: Rect, color: Color) {
        let x0 = rect.minX * scale, x1 = rect.maxX * scale, y0 = rect.minY * scale, y1 = rect.maxY * scale
        guard x1 > x0, y1 > y0, x0.isFinite, x1.isFinite, y0.isFinite, y1.isFinite else { return }
        let px0 = max(0, devicePixel(x0.rounded(.down))), px1 = min(width, devicePixel(x1.rounded(.up)))
        let py0 = max(0, devicePixel(y0.rounded(.down))), py1 = min(height, devicePixel(y1.rounded(.up)))
        guard px1 > px0, py1 > py0 else { return }
        var mask = CoverageMask(x0: px0, y0: py0, width: px1 - px0, height: py1 - py0)
        for py in py0..<py1 {
            let cy = min(y1, Double(py + 1)) - max(y0, Double(py))
            for px in px0..<px1 {
                let cx = min(x1, Double(px + 1)) - max(x0, Double(px))
                mask[px, py] = Float(cx * cy)
            }
        }
        blend(mask, color: color)
    }

    /// Strokes a polyline of logical width `lineWidth` with round joins and caps.
    ///
    /// - Parameter dash: alternating on/off lengths in logical units, or empty for a solid line.
    mutating func strokePolyline(_ points: [Point], lineWidth: Double, color: Color, dash: [Double] = []) {
        guard let mask = polylineMask(points, lineWidth: lineWidth, dash: dash) else { return }
        blend(mask, color: color)
    }

    /// Strokes one segment.
    mutating func strokeLine(from a: Point, to b: Point, lineWidth: Double, color: Color, dash: [Double] = []) {
        strokePolyline([a, b], lineWidth: lineWidth, color: color, dash: dash)
    }

    /// Coverage of a stroked polyline: per pixel, the maximum coverage over its segments.
    func polylineMask(_ points: [Point], lineWidth: Double, dash: [Double]) -> CoverageMask? {
        guard points.count >= 2 else { return nil }
        let w = max(lineWidth * scale, 0.3)
        let half = max(w, 1) / 2
        let weight = Float(min(w, 1))
        let pts = points.map { Point($0.x * scale, $0.y * scale) }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in pts { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) }
        let b = pixelBounds
        let px0 = max(b.x0, devicePixel((minX - half - 1).rounded(.down))), px1 = min(b.x1, devicePixel((maxX + half + 1).rounded(.up)))
        let py0 = max(b.y0, devicePixel((minY - half - 1).rounded(.down))), py1 = min(b.y1, devicePixel((maxY + half + 1).rounded(.up)))
        guard px1 > px0, py1 > py0 else { return nil }
        var mask = CoverageMask(x0: px0, y0: py0, width: px1 - px0, height: py1 - py0)
        let dashPx = dash.map { $0 * scale }
        let dashPeriod = dashPx.reduce(0, +)
        var travelled = 0.0
        for s in 0..<(pts.count - 1) {
            let a = pts[s], c = pts[s + 1]
            let dx = c.x - a.x, dy = c.y - a.y
            let len2 = dx * dx + dy * dy
            let len = len2.squareRoot()
            let sx0 = max(px0, devicePixel((min(a.x, c.x) - half - 1).rounded(.down)))
            let sx1 = min(px1, devicePixel((max(a.x, c.x) + half + 1).rounded(.up)))
            let sy0 = max(py0, devicePixel((min(a.y, c.y) - half - 1).rounded(.down)))
            let sy1 = min(py1, devicePixel((max(a.y, c.y) + half + 1).rounded(.up)))
            if sx0 < sx1 && sy0 < sy1 {
                for py in sy0..<sy1 {
                    let cy = Double(py) + 0.5
                    for px in sx0..<sx1 {
                        let cx = Double(px) + 0.5
                        var t = len2 > 0 ? ((cx - a.x) * dx + (cy - a.y) * dy) / len2 : 0
                        t = min(max(t, 0), 1)
                        let ex = cx - (a.x + t * dx), ey = cy - (a.y + t * dy)
                        let d = (ex * ex + ey * ey).squareRoot()
                        var cov = Float(min(max(half + 0.5 - d, 0), 1)) * weight
                        if cov <= 0 { continue }
                        if dashPeriod > 0 {
                            var phase = (travelled + t * len).truncatingRemainder(dividingBy: dashPeriod)
                            var on = true
                            for seg in dashPx {
                                if phase < seg { break }
                                phase -= seg; on.toggle()
                            }
                            if !on { cov = 0 }
                        }
                        if cov > mask[px, py] { mask[px, py] = cov }
                    }
                }
            }
            travelled += len
        }
        return mask
    }

    /// Fills a polygon (even–odd rule) with 4 sub-scanlines per pixel and exact horizontal coverage.
    mutating func fillPolygon(_ points: [Point], color: Color) {
        guard let mask = polygonMask(points) else { return }
        blend(mask, color: color)
    }

    func polygonMask(_ points: [Point]) -> CoverageMask? {
        guard points.count >= 3 else { return nil }
        let pts = points.map { Point($0.x * scale, $0.y * scale) }
        guard pts.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else { return nil }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for p in pts { minX = min(minX, p.x); maxX = max(maxX, p.x); minY = min(minY, p.y); maxY = max(maxY, p.y) }
        let b = pixelBounds
        let px0 = max(b.x0, devicePixel(minX.rounded(.down))), px1 = min(b.x1, devicePixel(maxX.rounded(.up)))
        let py0 = max(b.y0, devicePixel(minY.rounded(.down))), py1 = min(b.y1, devicePixel(maxY.rounded(.up)))
        guard px1 > px0, py1 > py0 else { return nil }
        var mask = CoverageMask(x0: px0, y0: py0, width: px1 - px0, height: py1 - py0)
        // Edges sorted by their top so each sub-scanline only visits edges that can cross it.
        struct Edge { var yTop, yBottom, xAtTop, slope: Double }
        var edges: [Edge] = []
        for i in 0..<pts.count {
            let a = pts[i], c = pts[(i + 1) % pts.count]
            if a.y == c.y { continue }
            let (top, bottom) = a.y < c.y ? (a, c) : (c, a)
            edges.append(Edge(yTop: top.y, yBottom: bottom.y, xAtTop: top.x, slope: (bottom.x - top.x) / (bottom.y - top.y)))
        }
        edges.sort { $0.yTop < $1.yTop }
        let sub = 4
        let weight = 1.0 / Double(sub)
        var active: [Int] = []
        var next = 0
        var xs: [Double] = []
        for py in py0..<py1 {
            for k in 0..<sub {
                let sy = Double(py) + (Double(k) + 0.5) * weight
                while next < edges.count && edges[next].yTop <= sy { active.append(next); next += 1 }
                active.removeAll { edges[$0].yBottom <= sy }
                xs.removeAll(keepingCapacity: true)
                for e in active where edges[e].yTop <= sy {
                    xs.append(edges[e].xAtTop + (sy - edges[e].yTop) * edges[e].slope)
                }
                xs.sort()
                var j = 0
                while j + 1 < xs.count {
                    let xa = max(xs[j], Double(px0)), xb = min(xs[j + 1], Double(px1))
                    j += 2
                    if xb <= xa { continue }
                    let c0 = devicePixel(xa.rounded(.down)), c1 = min(px1 - 1, devicePixel(xb.rounded(.down)))
                    if c0 > c1 { continue }
                    for c in c0...c1 {
                        let overlap = min(xb, Double(c + 1)) - max(xa, Double(c))
                        if overlap > 0 { mask[c, py] += Float(overlap * weight) }
                    }
                }
            }
        }
        return mask
    }

    /// Fills a disc.
    mutating func fillCircle(center: Point, radius: Double, color: Color) {
        let cx = center.x * scale, cy = center.y * scale, r = radius * scale
        guard cx.isFinite, cy.isFinite else { return }
        let b = pixelBounds
        let px0 = max(b.x0, devicePixel((cx - r - 1).rounded(.down))), px1 = min(b.x1, devicePixel((cx + r + 1).rounded(.up)))
        let py0 = max(b.y0, devicePixel((cy - r - 1).rounded(.down))), py1 = min(b.y1, devicePixel((cy + r + 1).rounded(.up)))
        guard px1 > px0, py1 > py0 else { return }
        var mask = CoverageMask(x0: px0, y0: py0, width: px1 - px0, height: py1 - py0)
        for py in py0..<py1 {
            for px in px0..<px1 {
                let dx = Double(px) + 0.5 - cx, dy = Double(py) + 0.5 - cy
                let d = (dx * dx + dy * dy).squareRoot()
                mask[px, py] = Float(min(max(r + 0.5 - d, 0), 1))
            }
        }
        blend(mask, color: color)
    }
}

extension Canvas {
    /// Moves a line's centre so a line of logical width `width` covers whole device pixels
    /// (crisp, not smeared over two half-covered pixels).
    func crisp(_ v: Double, width: Double) -> Double {
        let dw = max(1, (width * scale).rounded())
        let d = v * scale
        let c = Int(dw) % 2 == 1 ? d.rounded(.down) + 0.5 : d.rounded()
        return c / scale
    }
}
