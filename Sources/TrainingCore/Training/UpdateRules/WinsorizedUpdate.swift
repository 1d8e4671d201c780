/// Winsorized SGD (Chatterjee 2020): per-example gradients `G (B, P)` (one forward and backward
/// per example, training mode); each coordinate is sorted and clamped to its (c+1)-th smallest
/// and (c+1)-th largest value over the batch, summed in sorted order and divided by `B`; then a
/// textbook SGD step. With `c = 0` the mean is taken unsorted.
final class WinsorizedUpdate: UpdateRule {
    let model: Model
    let loss: Loss
    let clip: Int
    private let optimizer: Optimizer
    private let perExample: FloatBuffer      // per-example gradients          (B, P)
    private let batchCopy: FloatBuffer       // the batch's inputs             (B, D)
    private let column: FloatBuffer          // one coordinate over the batch  (B)
    private var labelCopy: [Int32]           // the batch's labels             (B)

    init(model: Model, settings w: OptimizerConfig.Winsorized, loss: Loss, batchCapacity: Int) throws {
        guard w.clip >= 0, 2 * w.clip < batchCapacity else {
            throw TrainingCoreError("winsorized SGD: clip \(w.clip) must satisfy 0 ≤ 2c < batch size \(batchCapacity)")
        }
        guard !model.layers.contains(where: { $0 is BatchNorm || $0 is ResidualBlock }) else {
            throw TrainingCoreError("winsorized SGD needs per-example gradients; BatchNorm models are not supported")
        }
        self.model = model; self.loss = loss; clip = w.clip
        let p = model.parameterCount
        optimizer = Optimizer(.sgd(w.base), parameterCount: p, allowFusion: false)
        perExample = FloatBuffer(count: batchCapacity * p)
        batchCopy = FloatBuffer(count: batchCapacity * model.inputSize)
        column = FloatBuffer(count: batchCapacity)
        labelCopy = [Int32](repeating: 0, count: batchCapacity)
    }

    func step(batch b: Int, examples: ArraySlice<Int>, learningRate lr: Double, nextLearningRate next: Double,
              rng: inout SeededGenerator) -> (lossSum: Double, correct: Int) {
        let c = clip
        let p = model.parameterCount, d = model.inputSize
        let xs = batchCopy.pointer, G = perExample.pointer, col = column.pointer
        xs.update(from: model.inputPointer, count: b * d)
        let labels = model.labelBuffer!
        for i in 0..<b { labelCopy[i] = labels[i] }
        var lossSum = 0.0, correct = 0
        for i in 0..<b {
            model.inputPointer.update(from: xs + i * d, count: d)
            labels[0] = labelCopy[i]
            model.forwardWorkspace(batch: 1, training: true)
            let r = loss.evaluate(logits: model.logitsPointer, labels: labels, batch: 1, classes: model.outputCount,
                                  gradient: model.logitGradientPointer)
            lossSum += r.lossSum; correct += r.correct
            model.bindGradients(to: G + i * p)
            model.backwardWorkspace(batch: 1, blend: .overwrite, inputGradient: false)
        }
        model.bindGradients(to: nil)
        let g = model.gradients.pointer
        var buffer = UnsafeMutableBufferPointer(start: col, count: b)
        for j in 0..<p {
            for i in 0..<b { col[i] = G[i * p + j] }
            var sum: Float = 0
            if c == 0 {
                for i in 0..<b { sum += col[i] }
            } else {
                buffer.sort()
                // (A last batch of the epoch may hold 2c or fewer examples: the indices stay inside it.)
                let lo = col[min(c, b - 1)], hi = col[max(b - 1 - c, 0)]
                for i in 0..<b { sum += min(max(col[i], lo), hi) }
            }
            g[j] = sum / Float(b)
        }
        optimizer.step(parameters: model.parameters.pointer, gradients: g, learningRate: lr)
        model.applyMask()
        return (lossSum, correct)
    }
}
