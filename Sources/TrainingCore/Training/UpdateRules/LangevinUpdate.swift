/// SGLD (Welling & Teh 2011): a plain step `w ← w − lr (g + λw)`, then `w ← w + √(2 lr T/n) ξ`
/// with `ξ ~ N(0, I)` drawn from the trainer's generator, each draw scaled in Float64 and rounded
/// once; the mask is applied after the noise too.
final class LangevinUpdate: UpdateRule {
    let model: Model
    let loss: Loss
    let temperature: Double
    let trainingSetSize: Int
    private let optimizer: Optimizer

    init(model: Model, settings s: OptimizerConfig.SGLD, loss: Loss, trainingSetSize: Int) {
        self.model = model; self.loss = loss; temperature = s.temperature; self.trainingSetSize = trainingSetSize
        optimizer = Optimizer(.sgd(.init(learningRate: s.learningRate, weightDecay: s.weightDecay)),
                              parameterCount: model.parameterCount, allowFusion: false)
    }

    func step(batch b: Int, examples: ArraySlice<Int>, learningRate lr: Double, nextLearningRate next: Double,
              rng: inout SeededGenerator) -> (lossSum: Double, correct: Int) {
        let r = model.gradientStep(batch: b, loss: loss, training: true, inputGradient: false)
        optimizer.step(model: model, learningRate: lr, nextLearningRate: next)
        let sd = (2 * lr * temperature / Double(max(1, trainingSetSize))).squareRoot()
        if sd > 0 {
            let w = model.parameters.pointer
            for i in 0..<model.parameterCount { w[i] += Float(sd * rng.nextNormal()) }
            model.applyMask()
        }
        return r
    }
}
