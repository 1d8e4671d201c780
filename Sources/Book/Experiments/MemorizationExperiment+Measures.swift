import TrainingCore
import Probes

extension MemorizationExperiment {
    /// The sensitivity maps `|∂ℓᵢ/∂xᵢ|` of `data`'s examples under `probe`, each scaled to [0, 1],
    /// and the examples' inputs (both flat, example after example; empty for no examples).
    static func sensitivityMaps(probe: Model, data: LabeledData) throws -> (maps: [Double], inputs: [Double]) {
        guard data.count > 0 else { return ([], []) }
        let g = try InputGradients.perExample(model: probe, data: data)      // (k, 1, 28, 28)
        let d = data.sampleSize
        var maps: [Double] = []
        for i in 0..<data.count {
            let row = (0..<d).map { Double(abs(g.scalars[i * d + $0])) }
            let top = max(row.max() ?? 0, 1e-30)
            maps += row.map { $0 / top }
        }
        return (maps, data.inputs.scalars.map(Double.init))
    }
}

extension Measurements {
    /// Label noise and early stopping: the epoch at which the clean share of the training set is
    /// fit (`clean-fit-epoch`) and, with a validation set, whether its accuracy peaks before that.
    mutating func recordEarlyStopping(_ history: TrainingHistory, corrupted: [Bool], hasTest: Bool) {
        let trainAccuracy = history.epochs.map(\.trainAccuracy)
        let clean = 1 - Double(corrupted.filter { $0 }.count) / Double(corrupted.count) * 0.9   // redrawn labels keep their class 1/10 of the time
        let cleanFit = trainAccuracy.firstIndex { $0 > clean }.map { Double($0 + 1) } ?? .nan
        scalars["clean-fit-epoch"] = cleanFit
        guard hasTest else { return }
        let testAccuracy = history.epochs.map { $0.testAccuracy ?? .nan }
        series["test-accuracy"] = testAccuracy
        let peak = testAccuracy.indices.max { testAccuracy[$0] < testAccuracy[$1] } ?? 0
        scalars["peak-test-accuracy"] = testAccuracy[peak]
        scalars["final-test-accuracy"] = testAccuracy.last ?? .nan
        scalars["test-drop"] = testAccuracy[peak] - (testAccuracy.last ?? .nan)
        scalars["peak-epoch"] = Double(peak + 1)
        scalars["peak-before-clean-fit"] = cleanFit.isNaN || Double(peak + 1) < cleanFit ? 1 : 0
    }
}
