/// Mean and sample standard deviation.
struct MeanStd: Sendable {
    var mean: Double
    var std: Double
    var count: Int

    init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        if values.count > 1 {
            let m = mean
            std = (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
        } else { std = 0 }
    }
}
