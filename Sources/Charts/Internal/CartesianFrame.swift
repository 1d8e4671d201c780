/// The plot area of a Cartesian chart and the two axes that map data into it.
struct CartesianFrame {
    var plot: Rect
    var x: AxisSpec
    var y: AxisSpec

    /// Logical x position of a data value.
    func px(_ v: Double) -> Double { plot.minX + x.fraction(v) * plot.width }
    /// Logical y position of a data value (larger values are higher up).
    func py(_ v: Double) -> Double { plot.maxY - y.fraction(v) * plot.height }
    /// Logical position of a data point.
    func point(_ vx: Double, _ vy: Double) -> Point { Point(px(vx), py(vy)) }
}
