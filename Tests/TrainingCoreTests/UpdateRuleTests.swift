import XCTest
@testable import TrainingCore

/// Every update rule of `Trainer` against the implementation it replaced: the experiment kinds'
/// own loop (`StepwiseTrainer` and the SAM, SAF, SGLD, winsorized and LIMIT code of the sharpness,
/// SGLD-ensemble, coherence and label-information kinds), kept here as a reference with its
/// arithmetic unchanged. The results must agree bit for bit.
final class UpdateRuleTests: XCTestCase {
    let data = Fixtures.blobs(n: 30)
    let batch = 7, epochs = 3

    /// The kinds' former training loop over the Tensor API: `gradient` zeroes the gradients, runs
    /// forward (training mode), the cross-entropy's logit gradient, an optional adjustment and
    /// `backward`; `step` runs the unfused optimizer on a copy of the weights, then the mask.
    final class Reference {
        let model: Model
        let optimizer: Optimizer
        var mask: [Float]?

        init(model: Model, optimizer: OptimizerConfig) {
            self.model = model
            self.optimizer = Optimizer(optimizer, parameterCount: model.parameterCount, allowFusion: false)
        }

        func gradient(inputs: Tensor, labels: [Int],
                      adjust: ((_ logits: Tensor, _ dLogits: inout Tensor) throws -> Void)? = nil) throws -> (loss: Double, logits: Tensor, gradient: [Float]) {
            model.zeroGradients()
            let logits = try model.forward(inputs, training: true)
            var dLogits = try Loss.crossEntropy.gradient(logits: logits, labels: labels)
            let loss = Double(try Loss.crossEntropy.meanLoss(logits: logits, labels: labels))
            if let adjust { try adjust(logits, &dLogits) }
            _ = try model.backward(dLogits)
            return (loss, logits, model.flatGradients())
        }

        func perExampleGradients(inputs: Tensor, labels: [Int]) throws -> [[Float]] {
            let d = inputs.strideOfFirstDimension
            return try labels.indices.map { i in
                let x = try Tensor(shape: [1] + inputs.shape.dropFirst(), scalars: Array(inputs.scalars[(i * d)..<((i + 1) * d)]))
                return try gradient(inputs: x, labels: [labels[i]]).gradient
            }
        }

        func step(_ g: [Float], learningRate lr: Double) throws {
            var w = model.flatParameters()
            w.withUnsafeMutableBufferPointer { w in
                g.withUnsafeBufferPointer { g in optimizer.step(parameters: w.baseAddress!, gradients: g.baseAddress!, learningRate: lr) }
            }
            if let mask { for k in w.indices { w[k] *= mask[k] } }
            try model.setFlatParameters(w)
        }

        func perturb(standardDeviation: Double, rng: inout SeededGenerator) throws {
            var w = model.flatParameters()
            for k in w.indices { w[k] += Float(standardDeviation * rng.nextNormal()) }
            if let mask { for k in w.indices { w[k] *= mask[k] } }
            try model.setFlatParameters(w)
        }

        static func batches(count n: Int, batch: Int, rng: inout SeededGenerator) -> [[Int]] {
            let order = rng.permutation(n)
            return stride(from: 0, to: n, by: batch).map { Array(order[$0..<min($0 + batch, n)]) }
        }
    }

    /// Two identical fresh models (tanh MLP 4-5-3) and the generator state after drawing them.
    func models(seed: UInt64 = 3) throws -> (Model, Model, SeededGenerator) {
        var rng = SeededGenerator(seed: seed), copy = rng
        let a = try Model(architecture: .mlp(hidden: [5], activation: .tanh), inputShape: [4], classes: 3, rng: &rng)
        let b = try Model(architecture: .mlp(hidden: [5], activation: .tanh), inputShape: [4], classes: 3, rng: &copy)
        return (a, b, rng)
    }

    /// Trains `model` with `Trainer` (fresh permutations, textbook SGD).
    func trainNew(_ model: Model, _ optimizer: OptimizerConfig, rng: SeededGenerator, term: LogitGradientTerm? = nil,
                  schedule: LearningRateSchedule = .constant) throws -> [Float] {
        var rng = rng
        let config = TrainingConfig(batchSize: batch, epochs: epochs, optimizer: optimizer, schedule: schedule,
                                    evaluateTrainSet: false, testEvery: 0, recordSteps: false,
                                    batchOrder: .freshPermutation, fusedUpdate: false)
        _ = try Trainer.train(model: model, train: data, test: nil, config: config, rng: &rng, logitTerm: term)
        return model.flatParameters()
    }

    func testPlainMomentumSGDAndAdamMatchTheOldLoop() throws {
        for optimizer in [OptimizerConfig.sgd(.init(learningRate: 0.05, momentum: 0.9)),
                          .adam(.init(learningRate: 0.01))] {
            let (a, b, rng) = try models()
            let new = try trainNew(a, optimizer, rng: rng)
            var r = rng
            let reference = Reference(model: b, optimizer: optimizer)
            for _ in 0..<epochs {
                for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                    let part = data.subset(indices)
                    try reference.step(try reference.gradient(inputs: part.inputs, labels: part.labels).gradient,
                                       learningRate: optimizer.learningRate)
                }
            }
            XCTAssertEqual(new, b.flatParameters(), "\(optimizer)")
        }
    }

    func testPruningMaskMatchesTheOldLoop() throws {
        let (a, b, rng) = try models()
        let keep = (0..<a.parameterCount).map { Float($0 % 3 == 0 ? 0 : 1) }
        try a.setMask(keep)
        try b.setFlatParameters(zip(b.flatParameters(), keep).map { $0 * $1 })
        let sgd = OptimizerConfig.sgd(.init(learningRate: 0.05, momentum: 0.9))
        let new = try trainNew(a, sgd, rng: rng)
        var r = rng
        let reference = Reference(model: b, optimizer: sgd)
        reference.mask = keep
        for _ in 0..<epochs {
            for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                let part = data.subset(indices)
                try reference.step(try reference.gradient(inputs: part.inputs, labels: part.labels).gradient, learningRate: 0.05)
            }
        }
        XCTAssertEqual(new, b.flatParameters())
        XCTAssertTrue(zip(new, keep).allSatisfy { $1 != 0 || $0 == 0 }, "a pruned weight came back")
    }

    /// SAM as the sharpness kind computed it: `ε = ρ g/‖g‖` (norm and scale in Float32), the
    /// gradient at `w + ε`, `w` restored, one momentum step.
    func testSAMMatchesTheOldSharpnessKind() throws {
        let rho = 0.05
        let sgd = OptimizerConfig.SGD(learningRate: 0.05, momentum: 0.9)
        let (a, b, rng) = try models()
        let new = try trainNew(a, .sam(.init(rho: rho, base: sgd)), rng: rng)
        var r = rng
        let reference = Reference(model: b, optimizer: .sgd(sgd))
        for _ in 0..<epochs {
            for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                let part = data.subset(indices)
                let w = b.flatParameters()
                let first = try reference.gradient(inputs: part.inputs, labels: part.labels).gradient
                let norm = first.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
                let scale = norm > 0 ? Float(rho) / norm : 0
                try b.setFlatParameters(zip(w, first).map { $0 + scale * $1 })
                let g = try reference.gradient(inputs: part.inputs, labels: part.labels).gradient
                try b.setFlatParameters(w)
                try reference.step(g, learningRate: 0.05)
            }
        }
        XCTAssertEqual(new, b.flatParameters())
    }

    /// SGLD as the sgld-ensemble kind computed it: `g + λw` in Float32, a plain step, then
    /// `w += Float(√(2 lr T/n) · ξ)` with ξ drawn from the shuffling generator.
    func testSGLDMatchesTheOldEnsembleKind() throws {
        let lr = 0.05, lambda: Float = 0.01, temperature = 0.5
        let (a, b, rng) = try models()
        let new = try trainNew(a, .sgld(.init(learningRate: lr, temperature: temperature, weightDecay: Double(lambda))), rng: rng)
        var r = rng
        let reference = Reference(model: b, optimizer: .sgd(.init(learningRate: lr)))
        let noise = (2 * lr * temperature / Double(data.count)).squareRoot()
        for _ in 0..<epochs {
            for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                let part = data.subset(indices)
                var g = try reference.gradient(inputs: part.inputs, labels: part.labels).gradient
                let w = b.flatParameters()
                for j in g.indices { g[j] += lambda * w[j] }
                try reference.step(g, learningRate: lr)
                try reference.perturb(standardDeviation: noise, rng: &r)
            }
        }
        XCTAssertEqual(new, b.flatParameters())
    }

    /// Winsorized SGD as the coherence kind computed it: per-example gradients (training mode),
    /// each coordinate sorted and clamped at the (c+1)-th values from either end, summed in sorted
    /// order and divided by B.
    func testWinsorizedMatchesTheOldCoherenceKind() throws {
        func winsorizedMean(_ gradients: [[Float]], c: Int) -> [Float] {
            let b = gradients.count, p = gradients.first?.count ?? 0
            var out = [Float](repeating: 0, count: p)
            var column = [Float](repeating: 0, count: b)
            for k in 0..<p {
                for i in 0..<b { column[i] = gradients[i][k] }
                column.sort()
                let low = column[min(c, b - 1)], high = column[max(b - 1 - c, 0)]
                var sum: Float = 0
                for v in column { sum += min(max(v, low), high) }
                out[k] = sum / Float(b)
            }
            return out
        }
        let sgd = OptimizerConfig.SGD(learningRate: 0.05, momentum: 0.9)
        for c in [1, 2] {
            let (a, b, rng) = try models()
            let new = try trainNew(a, .winsorized(.init(base: sgd, clip: c)), rng: rng)
            var r = rng
            let reference = Reference(model: b, optimizer: .sgd(sgd))
            for _ in 0..<epochs {
                for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                    let part = data.subset(indices)
                    let g = winsorizedMean(try reference.perExampleGradients(inputs: part.inputs, labels: part.labels), c: c)
                    try reference.step(g, learningRate: 0.05)
                }
            }
            XCTAssertEqual(new, b.flatParameters(), "c = \(c)")
        }
    }

    /// SAF as the sharpness kind computed it: logits recorded per example during each epoch's
    /// steps, and from epoch `lag + 1` on `λτ(q − q_past)/B` added to the logit gradient.
    func testTrajectoryTermMatchesTheOldSharpnessKind() throws {
        let lambda = 0.3, tau = 5.0, lag = 1, k = 3
        func addTrajectoryGradient(logits: Tensor, past: [Float], rows: [Int], into dLogits: inout Tensor) {
            let b = rows.count
            let scale = Float(lambda * tau / Double(b))
            func softened(_ z: ArraySlice<Float>) -> [Float] {
                let t = z.map { Double($0) / tau }
                let top = t.max()!
                let e = t.map { exp($0 - top) }
                let s = e.reduce(0, +)
                return e.map { Float($0 / s) }
            }
            for r in 0..<b {
                let q = softened(logits.scalars[(r * k)..<((r + 1) * k)])
                let qp = softened(past[(rows[r] * k)..<((rows[r] + 1) * k)])
                for c in 0..<k { dLogits.scalars[r * k + c] += scale * (q[c] - qp[c]) }
            }
        }
        let sgd = OptimizerConfig.sgd(.init(learningRate: 0.05, momentum: 0.9))
        let (a, b, rng) = try models()
        let new = try trainNew(a, sgd, rng: rng, term: TrajectoryTerm(lambda: lambda, tau: tau, lag: lag))
        var r = rng
        let reference = Reference(model: b, optimizer: sgd)
        var recorded: [[Float]] = []
        for epoch in 1...epochs {
            var current = [Float](repeating: 0, count: data.count * k)
            let past: [Float]? = epoch > lag ? recorded[epoch - 1 - lag] : nil
            for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                let part = data.subset(indices)
                let result = try reference.gradient(inputs: part.inputs, labels: part.labels) { logits, dLogits in
                    guard let past else { return }
                    addTrajectoryGradient(logits: logits, past: past, rows: indices, into: &dLogits)
                }
                for (row, i) in indices.enumerated() { for c in 0..<k { current[i * k + c] = result.logits.scalars[row * k + c] } }
                try reference.step(result.gradient, learningRate: 0.05)
            }
            recorded.append(current)
        }
        XCTAssertEqual(new, b.flatParameters())
        XCTAssertNotEqual(new, try trainNew(try models().0, sgd, rng: rng), "the term changed nothing")
    }

    /// LIMIT as the label-information kind computed it: Q trained on the batch first (Adam, its
    /// own inputs), then the classifier's logit gradient with `onehot(y)` replaced by `softmax(Q)`,
    /// the learning rate decaying by a factor per epoch.
    func testLabelPredictorTermMatchesTheOldLabelInformationKind() throws {
        let k = 3, lr = 0.01, decay = 0.9
        let adam = OptimizerConfig.adam(.init(learningRate: lr))
        // Q sees the first two input coordinates.
        let view = try LabeledData(inputs: Tensor(shape: [data.count, 2], scalars: (0..<data.count).flatMap { i in
            [data.inputs.scalars[i * 4], data.inputs.scalars[i * 4 + 1]] }), labels: data.labels, classes: k)
        func predictor() throws -> Model {
            var rng = SeededGenerator(seed: 9)
            return try Model(architecture: .mlp(hidden: []), inputShape: [2], classes: k, rng: &rng)
        }
        func replaceLabelTerm(_ dLogits: inout Tensor, labels: [Int], predictorLogits: Tensor) {
            let b = labels.count
            for r in 0..<b {
                let row = predictorLogits.scalars[(r * k)..<((r + 1) * k)]
                let top = row.max()!
                let e = row.map { exp(Double($0 - top)) }
                let s = e.reduce(0, +)
                dLogits.scalars[r * k + labels[r]] += 1 / Float(b)
                for c in 0..<k { dLogits.scalars[r * k + c] -= Float(e[c] / s) / Float(b) }
            }
        }
        let (a, b, rng) = try models()
        let qNew = try predictor(), qOld = try predictor()
        let new = try trainNew(a, adam, rng: rng, term: LabelPredictorTerm(predictor: qNew, inputs: view, optimizer: adam),
                               schedule: .exponential(factor: decay))
        var r = rng
        let reference = Reference(model: b, optimizer: adam), qReference = Reference(model: qOld, optimizer: adam)
        for epoch in 0..<epochs {
            let rate = lr * LearningRateSchedule.exponential(factor: decay).factor(epoch: epoch)
            for indices in Reference.batches(count: data.count, batch: batch, rng: &r) {
                let part = data.subset(indices)
                let (_, qLogits, qGradient) = try qReference.gradient(inputs: view.subset(indices).inputs, labels: part.labels)
                try qReference.step(qGradient, learningRate: rate)
                let g = try reference.gradient(inputs: part.inputs, labels: part.labels) { _, dLogits in
                    replaceLabelTerm(&dLogits, labels: part.labels, predictorLogits: qLogits)
                }.gradient
                try reference.step(g, learningRate: rate)
            }
        }
        XCTAssertEqual(qNew.flatParameters(), qOld.flatParameters())
        XCTAssertEqual(new, b.flatParameters())
    }

    /// Calls `term.addGradient` on logits `z (B, K)` with zero loss gradient; returns the term's gradient.
    func termGradient(_ term: LogitGradientTerm, z: [Float], labels: [Int32], examples: [Int], k: Int) -> [Float] {
        var g = [Float](repeating: 0, count: z.count)
        z.withUnsafeBufferPointer { zp in
            labels.withUnsafeBufferPointer { yp in
                g.withUnsafeMutableBufferPointer { gp in
                    term.addGradient(logits: zp.baseAddress!, gradient: gp.baseAddress!, labels: yp.baseAddress!,
                                     examples: examples[...], classes: k, learningRate: 0)
                }
            }
        }
        return g
    }

    static func softmax(_ v: [Double]) -> [Double] {
        let m = v.max()!
        let e = v.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// SAF's logit gradient against central differences of
    /// `λτ² KL(softmax(z_past/τ) ‖ softmax(z/τ)) / B` (tolerance 1e-3 relative, Float32 storage).
    func testTrajectoryTermGradientMatchesFiniteDifferences() throws {
        let k = 3, lambda = 0.3, tau = 2.0
        let term = TrajectoryTerm(lambda: lambda, tau: tau, lag: 1)
        try term.prepare(trainingSetSize: 3, classes: k, batchCapacity: 2)
        // Epoch 0 records the past logits of examples 1 and 2 (nothing is added yet).
        let past: [Float] = [1.5, 0.0, -2.0, 0.3, 0.3, 1.0]
        term.beginEpoch(0)
        XCTAssertEqual(termGradient(term, z: past, labels: [0, 0], examples: [1, 2], k: k), [Float](repeating: 0, count: 6))
        term.beginEpoch(1)
        let z: [Float] = [0.5, -1.0, 2.0, 0.1, 0.2, -0.3]          // (B = 2, K = 3): examples 1, 2
        let g = termGradient(term, z: z, labels: [0, 0], examples: [1, 2], k: k)
        func objective(_ zz: [Double]) -> Double {
            var total = 0.0
            for r in 0..<2 {
                let p = Self.softmax((0..<k).map { Double(past[r * k + $0]) / tau })
                let q = Self.softmax((0..<k).map { zz[r * k + $0] / tau })
                for c in 0..<k { total += p[c] * log(p[c] / q[c]) }
            }
            return lambda * tau * tau * total / 2
        }
        let base = z.map(Double.init), h = 1e-5
        for j in base.indices {
            var up = base, down = base
            up[j] += h; down[j] -= h
            let numeric = (objective(up) - objective(down)) / (2 * h)
            XCTAssertEqual(Double(g[j]), numeric, accuracy: 1e-3 * max(abs(numeric), 1e-3), "logit \(j)")
        }
    }

    /// LIMIT's adjustment: added to the cross-entropy gradient it gives the gradient of the
    /// cross-entropy against the soft targets `softmax(Q(u))`, `−(1/B) Σ_r Σ_c q_c log softmax(z)_c`;
    /// checked by central differences (tolerance 1e-3 relative). A predictor trained at learning
    /// rate 0 keeps its weights.
    func testLabelPredictorAdjustmentMatchesFiniteDifferences() throws {
        let k = 3
        var rng = SeededGenerator(seed: 4)
        let q = try Model(architecture: .mlp(hidden: []), inputShape: [2], classes: k, rng: &rng)
        let u = try LabeledData(inputs: Tensor(shape: [3, 2], scalars: [0.5, -1, 2, 0.3, -0.7, 0.1]), labels: [0, 1, 2], classes: k)
        let term = LabelPredictorTerm(predictor: q, inputs: u, optimizer: .sgd(.init(learningRate: 1)))
        try term.prepare(trainingSetSize: 3, classes: k, batchCapacity: 2)
        let before = q.flatParameters()
        let targets = try q.predict(u.inputs).scalars                  // Q's logits (3, K)
        let z: [Float] = [0.5, -1.0, 2.0, 0.1, 0.2, -0.3]               // (B = 2, K): examples 2, 0
        let examples = [2, 0], labels: [Int32] = [1, 0]
        var g = try Loss.crossEntropy.gradient(logits: Tensor(shape: [2, k], scalars: z), labels: labels.map(Int.init)).scalars
        let adjustment = termGradient(term, z: z, labels: labels, examples: examples, k: k)
        for j in g.indices { g[j] += adjustment[j] }
        XCTAssertEqual(q.flatParameters(), before)
        func objective(_ zz: [Double]) -> Double {
            var total = 0.0
            for (r, i) in examples.enumerated() {
                let t = Self.softmax((0..<k).map { Double(targets[i * k + $0]) })
                let p = Self.softmax((0..<k).map { zz[r * k + $0] })
                for c in 0..<k { total -= t[c] * log(p[c]) }
            }
            return total / 2
        }
        let base = z.map(Double.init), h = 1e-4
        for j in base.indices {
            var up = base, down = base
            up[j] += h; down[j] -= h
            let numeric = (objective(up) - objective(down)) / (2 * h)
            XCTAssertEqual(Double(g[j]), numeric, accuracy: 1e-3 * max(abs(numeric), 1e-3), "logit \(j)")
        }
    }

    /// Distillation's soft targets: added to the cross-entropy gradient, the term gives the gradient
    /// of `−(1/B) Σ_r Σ_c q_{i(r),c} log softmax(z_r)_c` for the given targets of the batch's examples
    /// (central differences, 1e-3 relative); a schedule swaps the table at the epochs it names.
    func testSoftTargetTermMatchesFiniteDifferencesAndFollowsItsSchedule() throws {
        let k = 3
        let first: [Float] = [0.7, 0.2, 0.1, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4]       // (n = 3, K)
        let second: [Float] = [1, 0, 0, 0, 1, 0, 0, 0, 1]
        let term = SoftTargetTerm { epoch in epoch == 0 ? first : epoch == 2 ? second : nil }
        try term.prepare(trainingSetSize: 3, classes: k, batchCapacity: 2)
        let z: [Float] = [0.5, -1.0, 2.0, 0.1, 0.2, -0.3]
        let examples = [2, 0], labels: [Int32] = [1, 0]
        func check(_ targets: [Float]) throws {
            var g = try Loss.crossEntropy.gradient(logits: Tensor(shape: [2, k], scalars: z), labels: labels.map(Int.init)).scalars
            let adjustment = termGradient(term, z: z, labels: labels, examples: examples, k: k)
            for j in g.indices { g[j] += adjustment[j] }
            func objective(_ zz: [Double]) -> Double {
                var total = 0.0
                for (r, i) in examples.enumerated() {
                    let p = Self.softmax((0..<k).map { zz[r * k + $0] })
                    for c in 0..<k { total -= Double(targets[i * k + c]) * log(p[c]) }
                }
                return total / 2
            }
            let base = z.map(Double.init), h = 1e-4
            for j in base.indices {
                var up = base, down = base
                up[j] += h; down[j] -= h
                let numeric = (objective(up) - objective(down)) / (2 * h)
                XCTAssertEqual(Double(g[j]), numeric, accuracy: 1e-3 * max(abs(numeric), 1e-3), "logit \(j)")
            }
        }
        try check(first)
        term.beginEpoch(1)
        try check(first)                     // nil: the table stays
        term.beginEpoch(2)
        try check(second)
        XCTAssertThrowsError(try SoftTargetTerm(targets: [0.5, 0.5]).prepare(trainingSetSize: 3, classes: k, batchCapacity: 2))
    }

    /// An observer that runs forward and `backward` through the Tensor API and computes full
    /// gradients after every step and epoch leaves fused momentum SGD's trajectory bit for bit
    /// unchanged (before the trainer pointed the gradients back at the model's own array, such a
    /// `backward` added into the fused velocity buffer).
    func testObserverMeasuringGradientsDoesNotChangeTheTrajectory() throws {
        let config = TrainingConfig(batchSize: batch, epochs: epochs, optimizer: .sgd(.init(learningRate: 0.05, momentum: 0.9)),
                                    evaluateTrainSet: false, testEvery: 0, seed: 6)
        func probe(_ model: Model) throws {
            _ = try model.forward(data.inputs, training: false)
            _ = try model.backward(Tensor(shape: [data.count, 3], scalars: [Float](repeating: 0.1, count: data.count * 3)))
            _ = try model.lossAndGradient(inputs: data.inputs, labels: data.labels)
        }
        var probes = 0
        let observer = TrainingObserver(everySteps: 1, atStart: { try probe($0); probes += 1 },
                                        afterStep: { model, _ in try probe(model); probes += 1; return .proceed },
                                        afterEpoch: { model, _ in try probe(model); probes += 1; return .proceed })
        let observed = try Trainer.run(architecture: .mlp(hidden: [6]), train: data, test: nil, config: config, progress: { _ in },
                                       observer: observer)
        let plain = try Trainer.run(architecture: .mlp(hidden: [6]), train: data, test: nil, config: config)
        XCTAssertEqual(probes, 1 + 3 * 5 + 3)
        XCTAssertEqual(observed.model.flatParameters(), plain.model.flatParameters())
    }

    func testStepBudgetAndObserverStopEndTheRun() throws {
        let config = TrainingConfig(batchSize: batch, epochs: 10, evaluateTrainSet: false, testEvery: 0, seed: 2, stepBudget: 12)
        let (_, budget) = try Trainer.run(architecture: .mlp(hidden: [4]), train: data, test: nil, config: config)
        XCTAssertEqual(budget.stopReason, .stepBudget)
        XCTAssertEqual(budget.stepCount, 12)
        XCTAssertEqual(budget.epochs.count, 3)            // 5 + 5 + 2 steps
        var unbounded = config; unbounded.stepBudget = nil
        let observer = TrainingObserver(afterEpoch: { _, epoch in epoch.epoch == 2 ? .stop : .proceed })
        let (_, stopped) = try Trainer.run(architecture: .mlp(hidden: [4]), train: data, test: nil, config: unbounded, observer: observer)
        XCTAssertEqual(stopped.stopReason, .observer)
        XCTAssertEqual(stopped.epochs.count, 2)
        XCTAssertEqual(stopped.stepCount, 10)
    }
}
