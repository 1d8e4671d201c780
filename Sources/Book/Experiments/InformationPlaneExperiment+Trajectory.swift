import Foundation
import TrainingCore
import Probes
import Datasets

/// One training of the information-plane network and the information-plane coordinates of every
/// hidden layer at log-spaced epochs.
extension InformationPlaneExperiment {
    /// What one training records for every hidden layer.
    struct Trajectory: Sendable {
        var epochs: [Double] = []
        var ixt: [[Double]] = []                 // [layer][point]
        var ity: [[Double]] = []                 // [layer][point]
        var ixtByBins: [Int: [[Double]]] = [:]    // bins → [layer][point]
        var trainAccuracy: [Double] = []
        var trainLoss: [Double] = []
        var labelEntropy = 0.0
    }

    func train(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Trajectory {
        let activation = p.activation.activation
        let (hidden, bins, compare, epochs) = (p.hidden, p.bins, p.compareBins, p.epochs)
        let all = Self.task(middle: p.middle, seed: seed)
        var splitRNG = SeededGenerator(seed: seed &+ 0x0F0F_1E1E_2D2D_3C3C)
        let trainCount = max(1, Int((p.trainFraction * 4096).rounded()))
        let train = all.subset(Array(splitRNG.permutation(4096).prefix(trainCount)).sorted())

        var rng = SeededGenerator(seed: seed)
        let model = try Model(architecture: .mlp(hidden: hidden, activation: activation), inputShape: [12], classes: 2, rng: &rng)
        let inputSymbols = Array(0..<4096)        // every input is distinct: H(X) = 12 bits
        var trajectory = Trajectory()
        trajectory.labelEntropy = MutualInformation.entropy(all.labels)
        trajectory.ixt = Array(repeating: [], count: hidden.count)
        trajectory.ity = Array(repeating: [], count: hidden.count)
        for b in compare { trajectory.ixtByBins[b] = Array(repeating: [], count: hidden.count) }

        func measure(epoch: Int) throws {
            let logits = try model.forward(all.inputs, training: false)
            let loss = try Loss.crossEntropy.meanLoss(logits: logits, labels: all.labels)
            var correct = 0
            for i in 0..<4096 where (logits.scalars[2 * i + 1] > logits.scalars[2 * i] ? 1 : 0) == all.labels[i] { correct += 1 }
            trajectory.epochs.append(Double(epoch))
            trajectory.trainAccuracy.append(Double(correct) / 4096)
            trajectory.trainLoss.append(Double(loss))
            for layer in hidden.indices {
                let t = try model.activations(ofLayer: layer)          // (4096, width)
                let units = hidden[layer]
                func binning(_ count: Int) throws -> ActivationBinning {
                    activation == .tanh ? try .tanh(bins: count) : try .relu(activations: t.scalars, bins: count)
                }
                let point = try MutualInformation.informationPlane(activations: t.scalars, count: 4096, units: units,
                                                                   inputSymbols: inputSymbols, labels: all.labels,
                                                                   binning: try binning(bins))
                trajectory.ixt[layer].append(point.inputInformation)
                trajectory.ity[layer].append(point.labelInformation)
                for b in compare {
                    let symbols = try MutualInformation.layerSymbols(activations: t.scalars, count: 4096, units: units, binning: try binning(b))
                    trajectory.ixtByBins[b]![layer].append(MutualInformation.entropy(symbols))   // I(X;T) = H(T)
                }
            }
        }

        let points = Self.measureEpochs(epochs: epochs, count: p.measurePoints)
        try measure(epoch: 0)
        var failure: Error?
        let config = TrainingConfig(batchSize: min(p.batch, train.count), epochs: epochs,
                                    optimizer: .adam(.init(learningRate: p.lr)),
                                    evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: seed)
        _ = try Trainer.train(model: model, train: train, test: nil, config: config, rng: &rng, progress: { progress in
            guard failure == nil, points.contains(progress.epoch) else { return }
            do { try measure(epoch: progress.epoch) } catch { failure = error }
            context.progress(RunProgress(epoch: progress.epoch, epochs: epochs, loss: trajectory.trainLoss.last ?? .nan,
                                         accuracy: trajectory.trainAccuracy.last ?? .nan))
        })
        if let failure { throw failure }
        return trajectory
    }

    /// `count` distinct epochs in `1...epochs`, roughly log-spaced, always including the last.
    static func measureEpochs(epochs: Int, count: Int) -> Set<Int> {
        var set: Set<Int> = [epochs]
        for k in 0..<count {
            let e = Int((pow(Double(epochs), Double(k) / Double(max(count - 1, 1)))).rounded())
            set.insert(min(max(e, 1), epochs))
        }
        return set
    }

    /// How far `I(X;T)` falls after rising: the largest `ixt[p] − min(ixt after p)` over points `p`
    /// that lie above some earlier point (the curve rose into `p`). A curve that only falls from its
    /// first value has not "risen then fallen" and gets 0.
    static func compression(_ ixt: [Double]) -> Double {
        guard ixt.count > 2 else { return 0 }
        var lowestBefore = ixt[0]
        var lowestAfter = [Double](repeating: .infinity, count: ixt.count)   // min(ixt[p+1...])
        for p in stride(from: ixt.count - 2, through: 0, by: -1) { lowestAfter[p] = min(lowestAfter[p + 1], ixt[p + 1]) }
        var best = 0.0
        for p in 1..<(ixt.count - 1) {
            if ixt[p] > lowestBefore { best = max(best, ixt[p] - lowestAfter[p]) }
            lowestBefore = min(lowestBefore, ixt[p])
        }
        return best
    }
}
