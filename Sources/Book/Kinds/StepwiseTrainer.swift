import Foundation
import TrainingCore

/// A small training loop over a core `Model` for kinds whose update is not plain SGD (winsorized,
/// SAM, SAF, SGLD, LIMIT-style, masked): the caller computes the update direction, this type keeps
/// the momentum buffer and applies it.
///
/// Update (heavy-ball, as PyTorch's SGD): `v ← μ v + g;  w ← w − η v`, then the mask (if any);
/// or, when made with `adam:`, Adam's bias-corrected update (Kingma & Ba 2015, as PyTorch's Adam).
final class StepwiseTrainer {
    let model: Model
    let momentum: Float
    private var velocity: [Float]          // (P): SGD's v, or Adam's first moment m
    /// Adam's `(β₁, β₂, ε)`, its second moment `(P)` and step count; nil for SGD.
    private let adam: (beta1: Float, beta2: Float, epsilon: Float)?
    private var secondMoment: [Float] = []
    private var steps = 0
    /// 1 = keep, 0 = pruned (P); re-applied after every step.
    var mask: [Float]?

    init(model: Model, momentum: Double) {
        self.model = model
        self.momentum = Float(momentum)
        velocity = [Float](repeating: 0, count: model.parameterCount)
        adam = nil
    }

    /// A trainer whose `step` is Adam with `β₁, β₂, ε`.
    init(model: Model, adam beta1: Double, _ beta2: Double, epsilon: Double) {
        self.model = model
        self.momentum = 0
        velocity = [Float](repeating: 0, count: model.parameterCount)
        secondMoment = [Float](repeating: 0, count: model.parameterCount)
        adam = (Float(beta1), Float(beta2), Float(epsilon))
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
        if let adam {
            // m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  w ← w − η·m̂ / (√v̂ + ε), m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ)
            steps += 1
            let c1 = Float(1 - pow(Double(adam.beta1), Double(steps))), c2 = Float(1 - pow(Double(adam.beta2), Double(steps)))
            let size = Float(lr) / c1, b1 = adam.beta1, b2 = adam.beta2, eps = adam.epsilon, n = w.count
            velocity.withUnsafeMutableBufferPointer { mp in
                secondMoment.withUnsafeMutableBufferPointer { vp in
                    w.withUnsafeMutableBufferPointer { wp in
                        g.withUnsafeBufferPointer { gp in
                            let m = mp.baseAddress!, v = vp.baseAddress!, w = wp.baseAddress!, g = gp.baseAddress!
                            for k in 0..<n {
                                let mk = b1 * m[k] + (1 - b1) * g[k]
                                let vk = b2 * v[k] + (1 - b2) * g[k] * g[k]
                                m[k] = mk; v[k] = vk
                                w[k] -= size * mk / ((vk / c2).squareRoot() + eps)
                            }
                        }
                    }
                }
            }
            if let mask { for k in w.indices { w[k] *= mask[k] } }
            return try model.setFlatParameters(w)
        }
        let eta = Float(lr), mu = momentum
        // Through buffer pointers: the same arithmetic, without an exclusivity check per element.
        velocity.withUnsafeMutableBufferPointer { v in
            w.withUnsafeMutableBufferPointer { w in
                g.withUnsafeBufferPointer { g in
                    for k in 0..<w.count {
                        v[k] = mu * v[k] + g[k]
                        w[k] -= eta * v[k]
                    }
                }
            }
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
