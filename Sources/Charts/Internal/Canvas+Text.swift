/// Glyphs placed on a baseline, in device pixels relative to the pen start.
struct TextLayout {
    struct Placed { let glyph: FontRasterizer.Glyph; let x: Int; let y: Int }  // bitmap top-left
    var glyphs: [Placed] = []
    var width: Double = 0     // advance width, device pixels
    var ascent: Double = 0    // above baseline, device pixels
    var descent: Double = 0   // below baseline (positive), device pixels
}

extension Canvas {
    /// Lays out marked-up text (see `RichText`) at the canvas scale.
    func layout(_ text: RichText, style: TextStyle) -> TextLayout {
        let px = style.size * scale
        let m = font.metrics(pixelSize: px, bold: style.bold)
        var out = TextLayout(ascent: m.ascender, descent: -m.descender)
        var pen = 0.0
        for run in text.runs {
            let size: Double, shift: Double
            switch run.level {
            case .normal: size = px; shift = 0
            case .superscript: size = (px * 0.72).rounded(); shift = -px * 0.38
            case .subscript: size = (px * 0.72).rounded(); shift = px * 0.18
            }
            var previous: UInt32 = 0
            for scalar in run.text.unicodeScalars {
                let g = font.glyph(scalar, pixelSize: size, bold: style.bold)
                pen += font.kerning(previous, g.index, pixelSize: size, bold: style.bold)
                let x = Int(pen.rounded()) + g.left
                let y = Int(shift.rounded()) - g.top
                if g.width > 0 && g.rows > 0 { out.glyphs.append(.init(glyph: g, x: x, y: y)) }
                pen += g.advance
                previous = g.index
            }
        }
        out.width = pen
        return out
    }

    /// The logical size (advance width, line height) of a piece of text.
    func measure(_ text: String, style: TextStyle) -> (width: Double, height: Double) {
        let l = layout(RichText(markup: text), style: style)
        return (l.width / scale, (l.ascent + l.descent) / scale)
    }

    /// Line height (ascender − descender) in logical units for a style.
    func lineHeight(_ style: TextStyle) -> Double {
        let m = font.metrics(pixelSize: style.size * scale, bold: style.bold)
        return (m.ascender - m.descender) / scale
    }

    /// Draws marked-up text anchored at `point`; `vertical` rotates it 90° counter-clockwise
    /// (reading bottom to top, as a y-axis label). Returns the logical bounding box drawn.
    @discardableResult
    mutating func drawText(_ text: String, at point: Point, style: TextStyle,
                           anchor: TextAnchor, vertical: Bool = false) -> Rect {
        let l = layout(RichText(markup: text), style: style)
        // Anchor offset in the text's own frame (u along the baseline, v downwards), device pixels.
        let du: Double
        switch anchor.horizontal {
        case .left: du = 0
        case .center: du = l.width / 2
        case .right: du = l.width
        }
        let dv: Double
        switch anchor.vertical {
        case .top: dv = -l.ascent
        case .center: dv = (l.descent - l.ascent) / 2
        case .baseline: dv = 0
        case .bottom: dv = l.descent
        }
        let ox = devicePixel((point.x * scale).rounded()), oy = devicePixel((point.y * scale).rounded())
        let u0 = -Int(du.rounded()), v0 = -Int(dv.rounded())
        let b = pixelBounds
        let color = appearance.resolve(style.color)
        let r = Float(color.red), g = Float(color.green), bl = Float(color.blue)
        let a = Float(color.alpha)
        for p in l.glyphs {
            for row in 0..<p.glyph.rows {
                for col in 0..<p.glyph.width {
                    let c = p.glyph.coverage[row * p.glyph.width + col]
                    if c == 0 { continue }
                    let u = u0 + p.x + col, v = v0 + p.y + row
                    let x = vertical ? ox + v : ox + u
                    let y = vertical ? oy - u : oy + v
                    guard x >= b.x0, x < b.x1, y >= b.y0, y < b.y1 else { continue }
                    let t = Float(c) / 255 * a
                    let i = 3 * (y * width + x)
                    pixels[i] += (r - pixels[i]) * t
                    pixels[i + 1] += (g - pixels[i + 1]) * t
                    pixels[i + 2] += (bl - pixels[i + 2]) * t
                }
            }
        }
        let w = l.width / scale, h = (l.ascent + l.descent) / scale
        let left = Double(ox + u0) / scale, top = Double(oy + v0) / scale - l.ascent / scale
        if vertical {
            return Rect(x: Double(ox) / scale + (Double(v0) - l.ascent) / scale, y: Double(oy - u0) / scale - w, width: h, height: w)
        }
        return Rect(x: left, y: top, width: w, height: h)
    }
}
