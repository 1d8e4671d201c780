extension Measurements {
    /// Records the shape of stored images (`sample-channels`, `sample-height`, `sample-width`), which
    /// image-grid figures read: `(C, H, W)` samples as they are, `(H, W)` as one channel, and flat
    /// samples as one row.
    mutating func recordSampleShape(_ shape: [Int]) {
        scalars["sample-channels"] = Double(shape.count == 3 ? shape[0] : 1)
        scalars["sample-height"] = Double(shape.count >= 2 ? shape[shape.count - 2] : 1)
        scalars["sample-width"] = Double(shape.last ?? 1)
    }
}
