import TrainingCore

extension TrainingConfig {
    /// The settings the experiment kinds on synthetic and small image sets train with: a fresh
    /// permutation of the training set each epoch, the textbook (unfused) SGD update, end-of-epoch
    /// evaluations (when asked for) in batches of 1,024, and no per-step records.
    static func kind(batch: Int, epochs: Int, optimizer: OptimizerConfig, schedule: LearningRateSchedule = .constant,
                     stepBudget: Int? = nil, order: BatchOrder = .freshPermutation) -> TrainingConfig {
        TrainingConfig(batchSize: batch, epochs: epochs, optimizer: optimizer, schedule: schedule,
                       evaluateTrainSet: false, testEvery: 0, recordSteps: false, stepBudget: stepBudget,
                       batchOrder: order, fusedUpdate: false, evaluationBatchSize: 1024)
    }
}
