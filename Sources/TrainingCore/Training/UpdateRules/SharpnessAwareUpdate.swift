/// SAM (Foret et al. 2021): `ε = ρ g/‖g‖` with `g = ∇L(w)`, then the base SGD step uses
/// `∇L(w + ε)`; `w` is restored exactly in between. The norm is summed in Float32 in index order
/// and the scale `ρ/‖g‖` is Float32 (thread-count independent; the sharpness kind's arithmetic).
final class SharpnessAwareUpdate: UpdateRule {
    let model: Model
    let loss: Loss
    let rho: Double
    private let optimizer: Optimizer
    private let saved: FloatBuffer      // w before the perturbation  (P)

    init(model: Model, settings s: OptimizerConfig.SAM, loss: Loss) throws {
        guard s.rho >= 0 else { throw TrainingCoreError("SAM: rho must be non-negative") }
        self.model = model; self.loss = loss; rho = s.rho
        optimizer = Optimizer(.sgd(s.base), parameterCount: model.parameterCount, allowFusion: false)
        saved = FloatBuffer(count: model.parameterCount)
    }

    func step(batch b: Int, examples: ArraySlice<Int>, learningRate lr: Double, nextLearningRate next: Double,
              rng: inout SeededGenerator) -> (lossSum: Double, correct: Int) {
        let r = model.gradientStep(batch: b, loss: loss, training: true, inputGradient: false)
        let p = model.parameterCount, w = model.parameters.pointer, g = model.gradients.pointer
        var squares: Float = 0
        for i in 0..<p { squares += g[i] * g[i] }
        let norm = squares.squareRoot()
        if norm > 0 && rho > 0 {
            saved.pointer.update(from: w, count: p)
            let scale = Float(rho) / norm
            for i in 0..<p { w[i] += scale * g[i] }                                   // w + ε
            _ = model.gradientStep(batch: b, loss: loss, training: true, inputGradient: false)
            w.update(from: saved.pointer, count: p)
        }
        optimizer.step(model: model, learningRate: lr, nextLearningRate: next)
        return r
    }
}
