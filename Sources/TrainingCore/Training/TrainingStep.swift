#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One optimizer step on the batch already loaded in the model's workspace, for every update
/// rule: the plain gradient (fused or textbook SGD, Adam; optionally with a ``LogitGradientTerm``
/// such as SAF's trajectory loss or the LIMIT-style label predictor), SAM (two gradients), SGLD
/// (Langevin noise) and winsorized SGD (per-example gradients). A pruning mask set on the model
/// is applied after every update. All buffers are allocated up front; a step allocates nothing.
final class TrainingStep {
    let model: Model
    let config: OptimizerConfig
    let loss: Loss
    let trainingSetSize: Int
    let logitTerm: LogitGradientTerm?
    private let optimizer: Optimizer
    private var saved: FloatBuffer?           // SAM: w before the perturbation          (P)
    private var perExample: FloatBuffer?      // winsorized: per-example gradients       (B, P)
    private var batchCopy: FloatBuffer?       // winsorized: the batch's inputs          (B, D)
    private var column: FloatBuffer?          // winsorized: one coordinate over the batch (B)
    private var labelCopy: [Int32] = []       // winsorized: the batch's labels          (B)

    init(model: Model, config: OptimizerConfig, loss: Loss, trainingSetSize: Int, batchCapacity: Int,
         fused: Bool = true, logitTerm: LogitGradientTerm? = nil) throws {
        self.model = model; self.config = config; self.loss = loss; self.trainingSetSize = trainingSetSize
        self.logitTerm = logitTerm
        let p = model.parameterCount
        if logitTerm != nil {
            switch config {
            case .sgd, .adam: break
            default: throw TrainingCoreError("a logit-gradient term needs SGD or Adam, not \(config)")
            }
            try logitTerm!.prepare(trainingSetSize: trainingSetSize, classes: model.outputCount, batchCapacity: batchCapacity)
        }
        switch config {
        case .sgd, .adam:
            optimizer = Optimizer(config, parameterCount: p, allowFusion: fused)
        case .sgld(let s):
            optimizer = Optimizer(.sgd(.init(learningRate: s.learningRate, weightDecay: s.weightDecay)),
                                  parameterCount: p, allowFusion: false)
        case .sam(let s):
            guard s.rho >= 0 else { throw TrainingCoreError("SAM: rho must be non-negative") }
            optimizer = Optimizer(.sgd(s.base), parameterCount: p, allowFusion: false)
            saved = FloatBuffer(count: p)
        case .winsorized(let w):
            guard w.clip >= 0, 2 * w.clip < batchCapacity else {
                throw TrainingCoreError("winsorized SGD: clip \(w.clip) must satisfy 0 ≤ 2c < batch size \(batchCapacity)")
            }
            guard !model.layers.contains(where: { $0 is BatchNorm || $0 is ResidualBlock }) else {
                throw TrainingCoreError("winsorized SGD needs per-example gradients; BatchNorm models are not supported")
            }
            optimizer = Optimizer(.sgd(w.base), parameterCount: p, allowFusion: false)
            perExample = FloatBuffer(count: batchCapacity * p)
            batchCopy = FloatBuffer(count: batchCapacity * model.inputSize)
            column = FloatBuffer(count: batchCapacity)
            labelCopy = [Int32](repeating: 0, count: batchCapacity)
        }
    }

    /// Trains on the `batch` examples in the workspace at learning rate `lr`; returns the batch's
    /// summed loss and correct count before the update. `nextLearningRate` is the learning rate of
    /// the step after this one (`lr` when nil); fused SGD scales its velocity for it. `examples`
    /// are the training-set indices of the batch's rows (for a logit-gradient term).
    func run(batch b: Int, examples: ArraySlice<Int> = [], learningRate lr: Double, nextLearningRate: Double? = nil,
             rng: inout SeededGenerator) -> (lossSum: Double, correct: Int) {
        let next = nextLearningRate ?? lr
        switch config {
        case .sgd, .adam:
            model.forwardWorkspace(batch: b, training: true)
            let r = loss.evaluate(logits: model.logitsPointer, labels: model.labelBuffer!, batch: b,
                                  classes: model.outputCount, gradient: model.logitGradientPointer)
            logitTerm?.addGradient(logits: model.logitsPointer, gradient: model.logitGradientPointer,
                                   labels: model.labelBuffer!, examples: examples, classes: model.outputCount,
                                   learningRate: lr)
            let (target, blend) = optimizer.gradientTarget(model: model, learningRate: lr)
            model.bindGradients(to: target)
            model.backwardWorkspace(batch: b, blend: blend, inputGradient: false)
            optimizer.step(model: model, learningRate: lr, nextLearningRate: next)
            return r

        case .sgld(let s):
            let r = model.gradientStep(batch: b, loss: loss, training: true, inputGradient: false)
            optimizer.step(model: model, learningRate: lr, nextLearningRate: next)
            // w ← w + √(2·lr·T/n)·ξ, each draw scaled in Float64 and rounded once
            let sd = (2 * lr * s.temperature / Double(max(1, trainingSetSize))).squareRoot()
            if sd > 0 {
                let w = model.parameters.pointer
                for i in 0..<model.parameterCount { w[i] += Float(sd * rng.nextNormal()) }
                model.applyMask()
            }
            return r

        case .sam(let s):
            let r = model.gradientStep(batch: b, loss: loss, training: true, inputGradient: false)
            let p = model.parameterCount, w = model.parameters.pointer, g = model.gradients.pointer
            // ‖g‖ summed in Float32 in index order (thread-count independent).
            var squares: Float = 0
            for i in 0..<p { squares += g[i] * g[i] }
            let norm = squares.squareRoot()
            if norm > 0 && s.rho > 0 {
                // ε = ρ·g/‖g‖ (the scale ρ/‖g‖ in Float32); gradient at w + ε; restore w exactly.
                saved!.pointer.update(from: w, count: p)
                let scale = Float(s.rho) / norm
                for i in 0..<p { w[i] += scale * g[i] }
                _ = model.gradientStep(batch: b, loss: loss, training: true, inputGradient: false)
                w.update(from: saved!.pointer, count: p)
            }
            optimizer.step(model: model, learningRate: lr, nextLearningRate: next)
            return r

        case .winsorized(let wz):
            return winsorizedStep(batch: b, clip: wz.clip, learningRate: lr)
        }
    }

    /// Per-example gradients `G (B, P)`; each coordinate is clamped to its (c+1)-th smallest and
    /// (c+1)-th largest value over the batch; their mean is the step's gradient.
    private func winsorizedStep(batch b: Int, clip c: Int, learningRate lr: Double) -> (lossSum: Double, correct: Int) {
        let p = model.parameterCount, d = model.inputSize
        let xs = batchCopy!.pointer, G = perExample!.pointer, col = column!.pointer
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
