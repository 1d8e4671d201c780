import Foundation
import TrainingCore

extension LabelInformationExperiment {
    /// Trains a copy of the freshly initialised classifier for `probe-epoch` epochs of standard training, scores
    /// every training example with ``informativeness(count:chunk:gradients:)``, and records the
    /// ranking (series `informativeness-rank`, `informativeness`, `mislabelled`,
    /// `mislabelled-precision`; scalars `mislabelled-share-top`, `-all`, `enrichment`) and the
    /// `shown` most and least informative images with their given and true labels.
    func probeInformativeness(_ p: Parameters, initial model: Model, hidden: [Int], train: LabeledData, clean: LabeledData,
                              mislabelled: [Bool], seed: UInt64, into m: inout Measurements) throws {
        var unused = SeededGenerator(seed: 0)
        let probe = try Model(architecture: .mlp(hidden: hidden, activation: .relu), inputShape: train.sampleShape,
                              classes: train.classes, rng: &unused)
        try probe.setFlatParameters(model.flatParameters())
        var probeRNG = SeededGenerator(seed: seed &+ 0x9B)
        _ = try Trainer.train(model: probe, train: train, test: nil,
                              config: .kind(batch: p.batch, epochs: p.probeEpoch, optimizer: p.optimizerConfig), rng: &probeRNG)
        let scores = try Self.informativeness(count: train.count) { range in
            try probe.perExampleGradients(inputs: train.inputs.rows(range), labels: Array(train.labels[range]))
        }
        let ranking = InformativenessRanking(scores: scores, mislabelled: mislabelled, topShare: p.topShare)
        m.series["informativeness-rank"] = ranking.order.indices.map { Double($0 + 1) }
        m.series["informativeness"] = ranking.order.map { scores[$0] }
        m.series["mislabelled"] = ranking.order.map { mislabelled[$0] ? 1 : 0 }
        m.series["mislabelled-precision"] = ranking.precision
        m.scalars["mislabelled-share-top"] = ranking.shareTop
        m.scalars["mislabelled-share-all"] = ranking.shareAll
        m.scalars["enrichment"] = ranking.enrichment

        let shown = min(p.shown, train.count)
        guard shown > 0 else { return }
        let d = train.sampleSize
        m.recordSampleShape(train.sampleShape)
        // Least informative: the lowest score first.
        for (name, picked) in [("most-informative", Array(ranking.order.prefix(shown))),
                               ("least-informative", Array(ranking.order.suffix(shown).reversed()))] {
            m.series[name] = picked.flatMap { i in train.inputs.scalars[(i * d)..<((i + 1) * d)].map(Double.init) }
            m.series["\(name)-label"] = picked.map { Double(train.labels[$0]) }
            m.series["\(name)-true-label"] = picked.map { mislabelled[$0] ? Double(clean.labels[$0]) : .nan }
            m.series["\(name)-mislabelled"] = picked.map { mislabelled[$0] ? 1 : 0 }
        }
    }

    /// The linearized leave-one-out informativeness of each of `n` examples,
    /// `sᵢ = (1/n) Σⱼ gᵢⱼ² / (Fⱼ + δ)` with `Fⱼ = (1/n) Σᵢ gᵢⱼ²` the diagonal empirical Fisher and
    /// `δ = 10⁻³ · meanⱼ Fⱼ + 10⁻¹²`: to first order, how much example `i`'s own loss would rise were it
    /// left out (a Newton step `(F + δI)⁻¹ gᵢ / n` on the remaining loss, with the Fisher for the Hessian).
    ///
    /// `gradients(range)` returns the per-example gradients `(|range|, P)` of examples `range`; it is
    /// called twice per chunk of `chunk` examples (first for `F`, then for `s`), so the `(n, P)`
    /// gradients are never held at once.
    static func informativeness(count n: Int, chunk: Int = 64, gradients: (Range<Int>) throws -> [[Float]]) throws -> [Double] {
        let chunks = stride(from: 0, to: n, by: chunk).map { $0..<min($0 + chunk, n) }
        var fisher: [Double] = []                                          // (P)
        for range in chunks {
            for g in try gradients(range) {
                if fisher.isEmpty { fisher = [Double](repeating: 0, count: g.count) }
                precondition(g.count == fisher.count, "informativeness: gradients of different lengths")
                fisher.withUnsafeMutableBufferPointer { f in
                    g.withUnsafeBufferPointer { g in for j in 0..<g.count { f[j] += Double(g[j]) * Double(g[j]) } }
                }
            }
        }
        let p = fisher.count
        for j in 0..<p { fisher[j] /= Double(n) }
        let delta = 1e-3 * fisher.reduce(0, +) / Double(max(p, 1)) + 1e-12
        let inverse = fisher.map { 1 / ($0 + delta) }                      // (P)
        var scores: [Double] = []
        scores.reserveCapacity(n)
        for range in chunks {
            for g in try gradients(range) {
                precondition(g.count == p, "informativeness: gradients of different lengths")
                // Four partial sums, so the loop vectorises.
                var s = (0.0, 0.0, 0.0, 0.0)
                inverse.withUnsafeBufferPointer { inv in
                    g.withUnsafeBufferPointer { g in
                        var j = 0
                        while j + 4 <= p {
                            s.0 += Double(g[j]) * Double(g[j]) * inv[j]
                            s.1 += Double(g[j + 1]) * Double(g[j + 1]) * inv[j + 1]
                            s.2 += Double(g[j + 2]) * Double(g[j + 2]) * inv[j + 2]
                            s.3 += Double(g[j + 3]) * Double(g[j + 3]) * inv[j + 3]
                            j += 4
                        }
                        while j < p { s.0 += Double(g[j]) * Double(g[j]) * inv[j]; j += 1 }
                    }
                }
                scores.append((s.0 + s.1 + s.2 + s.3) / Double(n))
            }
        }
        return scores
    }
}
