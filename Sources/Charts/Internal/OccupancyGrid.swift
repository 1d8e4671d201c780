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
        columns = max(1, Int((area.width / cell).rounded(.up)))
        rows = max(1, Int((area.height / cell).rounded(.up)))
        occupied = [Bool](repeating: false, count: columns * rows)
    }

    /// Marks every cell within `radius` of `p`.
    mutating func mark(_ p: Point, radius: Double = 1) {
        guard p.x.isFinite, p.y.isFinite else { return }
        markRect(Rect(x: p.x - radius, y: p.y - radius, width: 2 * radius, height: 2 * radius))
    }

    /// Marks the cells a segment passes through.
    mutating func markSegment(_ a: Point, _ b: Point, radius: Double = 1) {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite else { return }
        let len = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
        let steps = max(1, Int((len / (cell * 0.5)).rounded(.up)))
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            mark(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t), radius: radius)
        }
    }

    /// Marks every cell overlapping `r`.
    mutating func markRect(_ r: Rect) {
        let c0 = max(0, Int(((r.minX - area.minX) / cell).rounded(.down)))
        let c1 = min(columns - 1, Int(((r.maxX - area.minX) / cell).rounded(.down)))
        let r0 = max(0, Int(((r.minY - area.minY) / cell).rounded(.down)))
        let r1 = min(rows - 1, Int(((r.maxY - area.minY) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return }
        for row in r0...r1 { for col in c0...c1 { occupied[row * columns + col] = true } }
    }

    /// How many occupied cells overlap `r`.
    func count(in r: Rect) -> Int {
        let c0 = max(0, Int(((r.minX - area.minX) / cell).rounded(.down)))
        let c1 = min(columns - 1, Int(((r.maxX - area.minX) / cell).rounded(.down)))
        let r0 = max(0, Int(((r.minY - area.minY) / cell).rounded(.down)))
        let r1 = min(rows - 1, Int(((r.maxY - area.minY) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return 0 }
        var n = 0
        for row in r0...r1 { for col in c0...c1 where occupied[row * columns + col] { n += 1 } }
        return n
    }
}
