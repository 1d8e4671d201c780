/// One way of turning the batch loaded in a model's workspace into a parameter update. Each rule
/// allocates its buffers when it is made; a step allocates nothing. Rules are chosen by
/// `OptimizerConfig` (see ``TrainingStep``); the pruning mask set on the model is applied after
/// every update.
protocol UpdateRule: AnyObject {
    /// Trains on the `batch` examples in the workspace (training-set indices `examples`) at
    /// learning rate `lr`, `next` being the next step's; returns the batch's summed loss and
    /// correct count before the update.
    func step(batch b: Int, examples: ArraySlice<Int>, learningRate lr: Double, nextLearningRate next: Double,
              rng: inout SeededGenerator) -> (lossSum: Double, correct: Int)
}
