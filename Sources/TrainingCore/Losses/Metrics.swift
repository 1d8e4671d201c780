/// Classification measurements on logits `(n, K)` and labels.
public enum Metrics {
    /// The fraction of rows whose arg-max equals the label (ties go to the lowest index).
    public static func accuracy(logits: Tensor, labels: [Int]) throws -> Double {
        let (n, _) = try Loss.checkShapes(logits, labels)
        guard n > 0 else { return 0 }
        let predicted = try predictions(logits: logits)
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(n)
    }

    /// The arg-max class of each row (ties go to the lowest index).
    public static func predictions(logits: Tensor) throws -> [Int] {
        guard logits.shape.count == 2, logits.shape[1] > 0 else {
            throw TrainingCoreError("Metrics: logits must be (n, classes > 0), got \(logits.shape)")
        }
        let (n, k) = (logits.shape[0], logits.shape[1])
        return (0..<n).map { r in
            var best = 0
            for j in 1..<max(k, 1) where logits.scalars[r * k + j] > logits.scalars[r * k + best] { best = j }
            return best
        }
    }

    /// The margin of each row: the true class's logit minus the largest other logit
    /// (positive ⇔ correctly classified with no tie).
    public static func margins(logits: Tensor, labels: [Int]) throws -> [Float] {
        let (n, k) = try Loss.checkShapes(logits, labels)
        return (0..<n).map { r in
            let row = logits.scalars[(r * k)..<(r * k + k)]
            let y = labels[r]
            var other = -Float.infinity
            for j in 0..<k where j != y { other = max(other, row[r * k + j]) }
            return row[r * k + y] - other
        }
    }
}
