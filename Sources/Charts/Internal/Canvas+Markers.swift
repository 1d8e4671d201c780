extension Canvas {
    /// Draws a marker of diameter `size` centred at `p`; `edge` adds a thin outline (e.g. white,
    /// to separate overlapping scatter points).
    mutating func drawMarker(_ marker: Marker, at p: Point, size: Double, color: Color, edge: Color? = nil) {
        if let edge, marker != .none {
            drawMarkerShape(marker, at: p, size: size + 1.4, color: edge)
        }
        drawMarkerShape(marker, at: p, size: size, color: color)
    }

    private mutating func drawMarkerShape(_ marker: Marker, at p: Point, size: Double, color: Color) {
        let r = size / 2
        switch marker {
        case .none:
            return
        case .circle:
            fillCircle(center: p, radius: r, color: color)
        case .square:
            let s = r * 0.9
            fillPolygon([Point(p.x - s, p.y - s), Point(p.x + s, p.y - s), Point(p.x + s, p.y + s), Point(p.x - s, p.y + s)], color: color)
        case .diamond:
            let s = r * 1.2
            fillPolygon([Point(p.x, p.y - s), Point(p.x + s, p.y), Point(p.x, p.y + s), Point(p.x - s, p.y)], color: color)
        case .triangle:
            let s = r * 1.2
            fillPolygon([Point(p.x, p.y - s), Point(p.x + s * 0.95, p.y + s * 0.7), Point(p.x - s * 0.95, p.y + s * 0.7)], color: color)
        case .triangleDown:
            let s = r * 1.2
            fillPolygon([Point(p.x, p.y + s), Point(p.x + s * 0.95, p.y - s * 0.7), Point(p.x - s * 0.95, p.y - s * 0.7)], color: color)
        }
    }

    /// Dash pattern (logical units) for a line style and width.
    static func dashPattern(_ style: LineStyle, width: Double) -> [Double] {
        switch style {
        case .solid, .none: return []
        case .dashed: return [4 * max(width, 1.2), 2.5 * max(width, 1.2)]
        case .dotted: return [1.0 * max(width, 1.2), 1.8 * max(width, 1.2)]
        }
    }
}
