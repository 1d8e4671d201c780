import TrainingCore

/// A weight mask over a model's flat parameters: 1 keeps a parameter, 0 removes it. Only the
/// prunable weights of each layer (`Layer.prunableRange`: Dense/Conv weights, not biases) are
/// ever removed.
public struct PruningMask: Sendable, Hashable, Codable {
    /// One entry per model parameter, 1 or 0.
    public let keep: [Float]
    /// The number of prunable weights.
    public let prunableCount: Int

    /// The share of prunable weights removed.
    public var sparsity: Double {
        prunableCount > 0 ? Double(keep.filter { $0 == 0 }.count) / Double(prunableCount) : 0
    }

    /// Whether the ranking is over all prunable weights at once or within each layer.
    public enum Scope: String, Sendable, Hashable, Codable { case global, layerwise }

    /// Removes the `sparsity` share of prunable weights with the smallest magnitude (ties broken
    /// by position), over the whole network or layer by layer.
    public static func magnitude(model: Model, sparsity: Double, scope: Scope = .global) throws -> PruningMask {
        let theta = model.flatParameters()
        return try build(model: model, sparsity: sparsity, scope: scope) { indices, removeCount in
            let ranked = indices.sorted { (abs(theta[$0]), $0) < (abs(theta[$1]), $1) }
            return Array(ranked.prefix(removeCount))
        }
    }

    /// Removes a uniformly random `sparsity` share of prunable weights (in each layer when layerwise).
    public static func random(model: Model, sparsity: Double, scope: Scope = .global,
                              rng: inout some RandomNumberGenerator) throws -> PruningMask {
        try build(model: model, sparsity: sparsity, scope: scope) { indices, removeCount in
            var shuffled = indices
            shuffleInPlace(&shuffled, &rng)
            return Array(shuffled.prefix(removeCount))
        }
    }

    /// Removes the `sparsity` share of prunable weights with the smallest `scores` (one per model
    /// parameter; ties broken by position) — e.g. the first-order saliency `|θₖ · ∂L/∂θₖ|` of
    /// gradient-based pruning (SNIP).
    public static func saliency(model: Model, scores: [Float], sparsity: Double, scope: Scope = .global) throws -> PruningMask {
        guard scores.count == model.parameterCount else {
            throw ProbeError.shapeMismatch("\(scores.count) scores for a model of \(model.parameterCount) parameters")
        }
        return try build(model: model, sparsity: sparsity, scope: scope) { indices, removeCount in
            let ranked = indices.sorted { (scores[$0], $0) < (scores[$1], $1) }
            return Array(ranked.prefix(removeCount))
        }
    }

    /// Sets the removed parameters of `model` to zero. (Keeping them at zero during further
    /// training needs the trainer to re-apply the mask after each step.)
    public func apply(to model: Model) throws {
        guard keep.count == model.parameterCount else {
            throw ProbeError.shapeMismatch("mask of \(keep.count) entries for a model of \(model.parameterCount) parameters")
        }
        var theta = model.flatParameters()
        for k in theta.indices { theta[k] *= keep[k] }
        try model.setFlatParameters(theta)
    }

    private static func build(model: Model, sparsity: Double, scope: Scope,
                              choose: ([Int], Int) -> [Int]) throws -> PruningMask {
        guard sparsity >= 0, sparsity <= 1 else {
            throw ProbeError.invalidArgument("sparsity must be in [0, 1] (got \(sparsity))")
        }
        let groups: [[Int]] = model.layers.indices.map { i in
            model.layers[i].prunableRange.map { model.parameterOffsets[i] + $0 }
        }.filter { !$0.isEmpty }
        var keep = [Float](repeating: 1, count: model.parameterCount)
        let prunable = groups.reduce(0) { $0 + $1.count }
        switch scope {
        case .global:
            let all = groups.flatMap { $0 }
            for k in choose(all, Int((sparsity * Double(all.count)).rounded())) { keep[k] = 0 }
        case .layerwise:
            for g in groups { for k in choose(g, Int((sparsity * Double(g.count)).rounded())) { keep[k] = 0 } }
        }
        return PruningMask(keep: keep, prunableCount: prunable)
    }
}
