import Foundation
import TrainingCore

/// A small training loop over a core `Model` for kinds whose update is not plain SGD (winsorized,
/// SAM, SAF, SGLD, LIMIT-style, masked): the caller computes the update direction, and TrainingCore's
/// `Optimizer` keeps the momentum buffer (or Adam's moments) and applies it.
///
/// Update (heavy-ball, as PyTorch's SGD): `v ← μ v + g;  w ← w − η v`, then the mask (if any);
/// or, when made with `adam:`, Adam's bias-corrected update (Kingma & Ba 2015, as PyTorch's Adam).
final class StepwiseTrainer {
    let model: Model
    /// TrainingCore's optimizer state (momentum buffer, or Adam's moments), stepped on plain gradients.
    private let optimizer: Optimizer
    /// 1 = keep, 0 = pruned (P); re-applied after every step.
    var mask: [Float]?

    init(model: Model, momentum: Double) {
        self.model = model
        optimizer = Optimizer(.sgd(.init(learningRate: 0, momentum: momentum)), parameterCount: model.parameterCount, allowFusion: false)
    }

    /// A trainer whose `step` is Adam with `β₁, β₂, ε`.
    init(model: Model, adam beta1: Double, _ beta2: Double, epsilon: Double) {
        self.model = model
        optimizer = Optimizer(.adam(.init(learningRate: 0, beta1: beta1, beta2: beta2, epsilon: epsilon)),
                              parameterCount: model.parameterCount, allowFusion: false)
    }

    /// The mean cross-entropy on a batch and its parameter gradient; `adjust` may add to
    /// `∂L/∂logits (B, K)` (for SAF's trajectory term or LIMIT's predicted gradient).
    func gradient(inputs: Tensor, labels: [Int],
                  adjust: ((_ logits: Tensor, _ dLogits: inout Tensor) throws -> Void)? = nil) throws -> (loss: Double, logits: Tensor, gradient: [Float]) {
        model.zeroGradients()
        let logits = try model.forward(inputs, training: true)                  // (B, K)
        var dLogits = try Loss.crossEntropy.gradient(logits: logits, labels: labels)
        let loss = Double(try Loss.crossEntropy.meanLoss(logits: logits, labels: labels))
        if let adjust { try adjust(logits, &dLogits) }
        _ = try model.backward(dLogits)
        return (loss, logits, model.flatGradients())
    }

    /// Each example's own loss gradient `(B)` × `(P)` (one forward and backward per example).
    func perExampleGradients(inputs: Tensor, labels: [Int]) throws -> [[Float]] {
        let d = inputs.strideOfFirstDimension
        return try labels.indices.map { i in
            let x = try Tensor(shape: [1] + inputs.shape.dropFirst(), scalars: Array(inputs.scalars[(i * d)..<((i + 1) * d)]))
            return try gradient(inputs: x, labels: [labels[i]]).gradient
        }
    }

    /// One momentum (or Adam) step along `g (P)` with learning rate `lr`.
    func step(_ g: [Float], learningRate lr: Double) throws {
        var w = model.flatParameters()
        precondition(g.count == w.count, "StepwiseTrainer.step: \(g.count) gradient values for \(w.count) parameters")
        w.withUnsafeMutableBufferPointer { w in
            g.withUnsafeBufferPointer { g in optimizer.step(parameters: w.baseAddress!, gradients: g.baseAddress!, learningRate: lr) }
        }
        if let mask { for k in w.indices { w[k] *= mask[k] } }
        try model.setFlatParameters(w)
    }

    /// Adds `scale · noise` with `noise ~ N(0, I)` to every (unmasked) parameter (SGLD's noise).
    func perturb(standardDeviation: Double, rng: inout SeededGenerator) throws {
        var w = model.flatParameters()
        for k in w.indices { w[k] += Float(standardDeviation * rng.nextNormal()) }
        if let mask { for k in w.indices { w[k] *= mask[k] } }
        try model.setFlatParameters(w)
    }

    /// Mean loss, accuracy and predictions of `model` on `data` (evaluation mode, batches of 1,024).
    static func evaluate(_ model: Model, on data: LabeledData) throws -> (loss: Double, accuracy: Double, predictions: [Int], logits: [Float]) {
        var lossSum = 0.0, correct = 0
        var predictions: [Int] = [], logits: [Float] = []
        var start = 0
        while start < data.count {
            let end = min(start + 1024, data.count)
            let (x, y) = data.batch(start..<end)
            let z = try model.forward(x, training: false)
            lossSum += Double(try Loss.crossEntropy.meanLoss(logits: z, labels: y)) * Double(end - start)
            let p = try Metrics.predictions(logits: z)
            correct += zip(p, y).filter { $0 == $1 }.count
            predictions += p
            logits += z.scalars
            start = end
        }
        return (lossSum / Double(data.count), Double(correct) / Double(data.count), predictions, logits)
    }

    /// The batches of one epoch: a fresh permutation of `0..<n` cut into `batch`-sized pieces
    /// (the last, smaller piece is kept).
    static func batches(count n: Int, batch: Int, rng: inout SeededGenerator) -> [[Int]] {
        let order = rng.permutation(n)
        return stride(from: 0, to: n, by: batch).map { Array(order[$0..<min($0 + batch, n)]) }
    }
}
