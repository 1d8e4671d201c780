#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The LIMIT-style adjustment of the logit gradient (after Harutyunyan et al. 2020): a small
/// predictor `Q` learns the labels from its own view of each example, trained alongside on the
/// same batches, and the classifier's cross-entropy gradient `(softmax(z) − onehot(y)) / B`
/// becomes `(softmax(z) − softmax(Q(u))) / B`. The classifier's weights then receive label
/// information only through `Q`.
///
/// Each step first trains `Q` on the batch (its forward in training mode, cross-entropy, one
/// update of its own optimizer at the step's learning rate), then uses `Q`'s logits from that
/// forward pass (before its update): `softmax` in Float64 over the Float32 differences `u − max u`.
public final class LabelPredictorTerm: LogitGradientTerm {
    /// The predictor `Q`.
    public let predictor: Model
    /// `Q`'s inputs: one row per training example, in the training set's order (labels unused).
    public let inputs: LabeledData
    private let optimizer: Optimizer
    private var exponentials: [Double] = []   // (K)

    /// The term with predictor `predictor` seeing `inputs` (row i: training example i) and
    /// trained with `optimizer` (never fused; its learning rate is the classifier's step's).
    public init(predictor: Model, inputs: LabeledData, optimizer: OptimizerConfig) {
        self.predictor = predictor; self.inputs = inputs
        self.optimizer = Optimizer(optimizer, parameterCount: predictor.parameterCount, allowFusion: false)
    }

    public func prepare(trainingSetSize n: Int, classes k: Int, batchCapacity: Int) throws {
        guard inputs.count == n else {
            throw TrainingCoreError("LabelPredictorTerm: \(inputs.count) predictor inputs for \(n) training examples")
        }
        guard predictor.outputCount == k, inputs.sampleSize == predictor.inputSize else {
            throw TrainingCoreError("LabelPredictorTerm: the predictor maps \(predictor.inputShape) to \(predictor.outputCount) classes; expected \(inputs.sampleShape) to \(k)")
        }
        predictor.reserve(batch: batchCapacity)
        exponentials = [Double](repeating: 0, count: k)
    }

    public func beginEpoch(_ epoch: Int) {}

    public func addGradient(logits: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
                            labels: UnsafePointer<Int32>, examples: ArraySlice<Int>, classes k: Int,
                            learningRate: Double) {
        let b = examples.count
        inputs.gather(examples, inputs: predictor.inputPointer, labels: predictor.labelBuffer!)
        for r in 0..<b { predictor.labelBuffer![r] = labels[r] }
        _ = predictor.gradientStep(batch: b, loss: .crossEntropy, training: true, inputGradient: false)
        optimizer.step(parameters: predictor.parameters.pointer, gradients: predictor.gradients.pointer, learningRate: learningRate)
        predictor.applyMask()
        // The logits of Q's forward pass (its update changed the parameters, not this buffer).
        let u = predictor.logitsPointer
        let share = 1 / Float(b)
        for r in 0..<b {
            let row = u + r * k
            var top = row[0]
            for c in 1..<k where row[c] > top { top = row[c] }
            var sum = 0.0
            for c in 0..<k { exponentials[c] = exp(Double(row[c] - top)); sum += exponentials[c] }
            gradient[r * k + Int(labels[r])] += share                                   // − (−onehot(y))/B
            for c in 0..<k { gradient[r * k + c] -= Float(exponentials[c] / sum) / Float(b) }   // − softmax(Q(u))/B
        }
    }
}
