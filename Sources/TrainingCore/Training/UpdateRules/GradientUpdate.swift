/// The plain gradient: SGD (fused into the backward pass, or textbook) or Adam, optionally with a
/// ``LogitGradientTerm`` added to `∂L/∂logits` before back-propagation (SAF, LIMIT).
final class GradientUpdate: UpdateRule {
    let model: Model
    let loss: Loss
    let logitTerm: LogitGradientTerm?
    private let optimizer: Optimizer

    init(model: Model, optimizer config: OptimizerConfig, loss: Loss, fused: Bool, logitTerm: LogitGradientTerm?) {
        self.model = model; self.loss = loss; self.logitTerm = logitTerm
        optimizer = Optimizer(config, parameterCount: model.parameterCount, allowFusion: fused)
    }

    func step(batch b: Int, examples: ArraySlice<Int>, learningRate lr: Double, nextLearningRate next: Double,
              rng: inout SeededGenerator) -> (lossSum: Double, correct: Int) {
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
    }
}
