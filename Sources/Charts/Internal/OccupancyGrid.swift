/// A coarse map of where a plot draws data, used to find the emptiest place for the legend.
struct OccupancyGrid {
    let area: Rect
    let cell: Double
    let columns: Int
    let rows: Int
    private(set) var occupied: [Bool]

    init(area: Rect, cell: Double = 3) {
        self.area = area
        self.cell = cell
        columns = max(1, devicePixel((area.width / cell).rounded(.up)))
        rows = max(1, devicePixel((area.height / cell).rounded(.up)))
        occupied = [Bool](repeating: false, count: columns * rows)
    }

    /// Marks every cell within `radius` of `p`.
    mutating func mark(_ p: Point, radius: Double = 1) {
        guard p.x.isFinite, p.y.isFinite else { return }
        markRect(Rect(x: p.x - radius, y: p.y - radius, width: 2 * radius, height: 2 * radius))
    }

    /// Marks the cells a segment passes through.
    mutating func markSegment(_ a0: Point, _ b0: Point, radius: Double = 1) {
        guard a0.x.isFinite, a0.y.isFinite, b0.x.isFinite, b0.y.isFinite,
              let (a, b) = clip(a0, b0, to: area.insetBy(-radius - cell)) else { return }
        let len = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let steps = max(1, devicePixel((len / (cell * 0.5)).rounded(.up)))
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            mark(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), radius: radius)
        }
    }

    /// The part of segment a–b inside `r` (Liang–Barsky), or nil if it misses `r`; this keeps
    /// the sampling of far-away segments (data outside a fixed axis range) bounded.
    private func clip(_ a: Point, _ b: Point, to r: Rect) -> (Point, Point)? {
        let dx = b.x - a.x, dy = b.y - a.y
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 { if q < 0 { return nil }; continue }
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return nil }
        }
        return (Point(a.x + t0 * dx, a.y + t0 * dy), Point(a.x + t1 * dx, a.y + t1 * dy))
    }

    /// Marks every cell overlapping `r`.
    mutating func markRect(_ r: Rect) {
        let c0 = max(0, devicePixel(((r.minX - area.minX) / cell).rounded(.down)))
        let c1 = min(columns - 1, devicePixel(((r.maxX - area.minX) / cell).rounded(.down)))
        let r0 = max(0, devicePixel(((r.minY - area.minY) / cell).rounded(.down)))
        let r1 = min(rows - 1, devicePixel(((r.maxY - area.minY) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        for row in r0...r1 { for col in c0...c1 { occupied[row * columns + col] = true } }
    }

    /// How many occupied cells overlap `r`.
    func count(in r: Rect) -> Int {
        let c0 = max(0, devicePixel(((r.minX - area.minX) / cell).rounded(.down)))
        let c1 = min(columns - 1, devicePixel(((r.maxX - area.minX) / cell).rounded(.down)))
        let r0 = max(0, devicePixel(((r.minY - area.minY) / cell).rounded(.down)))
        let r1 = min(rows - 1, devicePixel(((r.maxY - area.minY) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return 0 }
        var n = 0
        for row in r0...r1 { for col in c0...c1 where occupied[row * columns + col] { n += 1 } }
        return n
    }
}
