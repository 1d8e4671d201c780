@testable import TrainingCore

/// Small synthetic classification sets for tests.
enum Fixtures {
    /// `n` points in `dim` dimensions around `classes` well-separated centres (σ = 0.3).
    static func blobs(n: Int, dim: Int = 4, classes: Int = 3, seed: UInt64 = 1) -> LabeledData {
        var rng = SeededGenerator(seed: seed)
        let centres = (0..<classes).map { _ in (0..<dim).map { _ in rng.normal(standardDeviation: 2) } }
        var xs: [Float] = [], ys: [Int] = []
        for i in 0..<n {
            let c = i % classes
            ys.append(c)
            for d in 0..<dim { xs.append(centres[c][d] + rng.normal(standardDeviation: 0.3)) }
        }
        return try! LabeledData(inputs: Tensor(shape: [n, dim], scalars: xs), labels: ys, classes: classes)
    }
}
