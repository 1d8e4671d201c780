/// Per-pixel coverage in 0...1 over a device-pixel box whose top-left pixel is `(x0, y0)`.
struct CoverageMask {
    let x0: Int
    let y0: Int
    let width: Int
    let height: Int
    var values: [Float]   // (height, width)

    init(x0: Int, y0: Int, width: Int, height: Int) {
        self.x0 = x0; self.y0 = y0; self.width = width; self.height = height
        values = [Float](repeating: 0, count: width * height)
    }

    /// Coverage at absolute device pixel `(x, y)`, which must lie inside the box.
    subscript(x: Int, y: Int) -> Float {
        get { values[(y - y0) * width + (x - x0)] }
        set { values[(y - y0) * width + (x - x0)] = newValue }
    }
}
