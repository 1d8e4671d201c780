/// Training on soft targets (knowledge distillation, Hinton et al. 2015; Harutyunyan et al. 2023):
/// the cross-entropy gradient `(softmax(z) − onehot(y)) / B` becomes `(softmax(z) − qᵢ) / B`, where
/// `qᵢ` is a given probability vector for training example `i` — a teacher's softened predictions.
///
/// The targets can change between epochs (online distillation: the predictions of successive
/// teacher checkpoints): `targets(forEpoch:)` is asked at the start of every epoch and returns
/// the row-major `(n, K)` table to use, or nil to keep the current one.
public final class SoftTargetTerm: LogitGradientTerm {
    private let schedule: (Int) -> [Float]?
    private var targets: [Float] = []
    private var n = 0

    /// Fixed targets `(n, K)`, row i for training example i.
    public convenience init(targets: [Float]) {
        self.init { epoch in epoch == 0 ? targets : nil }
    }

    /// Targets chosen per epoch (0-based); the first epoch must return a table.
    public init(targets schedule: @escaping (_ epoch: Int) -> [Float]?) {
        self.schedule = schedule
    }

    public func prepare(trainingSetSize n: Int, classes k: Int, batchCapacity: Int) throws {
        guard let first = schedule(0), first.count == n * k else {
            throw TrainingCoreError("SoftTargetTerm: the first epoch's targets must hold n × K = \(n) × \(k) values")
        }
        self.n = n
        targets = first
    }

    public func beginEpoch(_ epoch: Int) {
        guard epoch > 0, let next = schedule(epoch) else { return }
        precondition(next.count == targets.count, "SoftTargetTerm: epoch \(epoch)'s targets have \(next.count) values, expected \(targets.count)")
        targets = next
    }

    public func addGradient(logits: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                            labels: UnsafePointer<Int32>, examples: ArraySlice<Int>, classes k: Int,
                            learningRate: Double) {
        let b = examples.count
        let share = 1 / Float(b)
        for (r, example) in examples.enumerated() {
            gradient[r * k + Int(labels[r])] += share                                   // − (−onehot(y))/B
            for c in 0..<k { gradient[r * k + c] -= targets[example * k + c] * share }  // − qᵢ/B
        }
    }
}
