import Foundation
import TrainingCore

/// Sharpness by random perturbation (Jiang et al. 2020, the PAC-Bayes "flatness" measures):
/// the largest noise scale `σ` such that perturbing the weights with `u ~ N(0, σ²I)` raises the
/// training error by at most `deviation` on average. Flatter minima tolerate a larger `σ`; the
/// measures are `1/σ²` and the PAC-Bayes bound term `‖θ − θ₀‖² / (4σ²) + log(m/σ) + 10`.
///
/// With `magnitudeAware`, coordinate `i` gets `u_i ~ N(0, σ²θ_i² + ε²)` (ε = 1e-3), as in the
/// paper's magnitude-aware variants. The search is a bisection on `log σ` with the noise
/// directions fixed once (common random numbers), so the estimated error is a deterministic,
/// nearly monotone function of `σ`.
public struct PerturbationSharpness: Sendable, Hashable, Codable {
    /// The allowed rise of the training error (0.1 in the paper).
    public var deviation: Double
    /// The number of noise draws averaged per `σ`.
    public var samples: Int
    /// Bisection steps on `log σ`.
    public var searchSteps: Int
    /// The bracket `[lower, upper]` searched for `σ`.
    public var lower: Double, upper: Double
    /// Scale the noise by each weight's magnitude.
    public var magnitudeAware: Bool

    /// A search configuration.
    public init(deviation: Double = 0.1, samples: Int = 10, searchSteps: Int = 20,
                lower: Double = 1e-5, upper: Double = 10, magnitudeAware: Bool = false) {
        self.deviation = deviation
        self.samples = samples
        self.searchSteps = searchSteps
        self.lower = lower
        self.upper = upper
        self.magnitudeAware = magnitudeAware
    }

    /// The largest `σ` in the bracket whose mean error rise is ≤ `deviation` (`upper` if even it
    /// passes, `lower` if even it fails); the model's parameters are restored afterwards.
    public func sigma(model: Model, data: LabeledData, rng: inout some RandomNumberGenerator) throws -> Double {
        guard deviation > 0, samples >= 1, searchSteps >= 1, lower > 0, upper > lower else {
            throw ProbeError.invalidArgument("perturbation search needs deviation > 0, samples ≥ 1, steps ≥ 1, 0 < lower < upper")
        }
        try checkCompatible(model, data)
        let theta = model.flatParameters()
        defer { try? model.setFlatParameters(theta) }
        let seeds = (0..<samples).map { _ in rng.next() }
        let base = try Self.error(model: model, data: data)
        func rise(_ sigma: Double) throws -> Double {
            try meanPerturbed(model: model, theta: theta, sigma: sigma, seeds: seeds) {
                try Self.error(model: model, data: data)
            } - base
        }
        if try rise(upper) <= deviation { return upper }
        if try rise(lower) > deviation { return lower }
        var lo = log(lower), hi = log(upper)       // rise(lo) ≤ deviation < rise(hi)
        for _ in 0..<searchSteps {
            let mid = 0.5 * (lo + hi)
            if try rise(exp(mid)) <= deviation { lo = mid } else { hi = mid }
        }
        return exp(lo)
    }

    /// Sharpness at a fixed noise scale: `E_u[L(θ + u)] − L(θ)` for the mean training loss
    /// (or, with `zeroOneError`, the training error), averaged over `samples` draws of `u` (the
    /// model's parameters are restored afterwards).
    public func expectedRise(model: Model, data: LabeledData, sigma: Double, zeroOneError: Bool = false,
                             loss: Loss = .crossEntropy, rng: inout some RandomNumberGenerator) throws -> Double {
        guard sigma >= 0, samples >= 1 else { throw ProbeError.invalidArgument("sharpness needs sigma ≥ 0 and samples ≥ 1") }
        try checkCompatible(model, data)
        let theta = model.flatParameters()
        defer { try? model.setFlatParameters(theta) }
        let seeds = (0..<samples).map { _ in rng.next() }
        let measure = { zeroOneError ? try Self.error(model: model, data: data) : try Self.meanLoss(model: model, data: data, loss: loss) }
        let base = try measure()
        return try meanPerturbed(model: model, theta: theta, sigma: sigma, seeds: seeds, measure) - base
    }

    /// The mean of `measure()` over the noise draws seeded by `seeds`, each applied to `theta`.
    private func meanPerturbed(model: Model, theta: [Float], sigma: Double, seeds: [UInt64],
                               _ measure: () throws -> Double) throws -> Double {
        var total = 0.0
        for seed in seeds {
            var noise = SeededGenerator(seed: seed)
            let perturbed = theta.map { w -> Float in
                let scale = magnitudeAware ? (sigma * sigma * Double(w * w) + 1e-6).squareRoot() : sigma
                return w + Float(scale * noise.nextNormal())
            }
            try model.setFlatParameters(perturbed)
            total += try measure()
        }
        return total / Double(seeds.count)
    }

    /// `‖θ − θ₀‖² / (4σ²) + log(m/σ) + 10` for `m` training examples.
    public static func pacBayesBound(sigma: Double, distanceFromInitialization: Double, examples: Int) -> Double {
        distanceFromInitialization * distanceFromInitialization / (4 * sigma * sigma) + log(Double(examples) / sigma) + 10
    }

    /// The mean loss of `model` on `data`.
    static func meanLoss(model: Model, data: LabeledData, loss: Loss, batchSize: Int = 1024) throws -> Double {
        var total = 0.0
        for range in try data.batchRanges(size: batchSize) {
            let (x, y) = data.batch(range)
            let losses = try loss.perExampleLoss(logits: try model.forward(x, training: false), labels: y)
            total += losses.reduce(0.0) { $0 + Double($1) }
        }
        return total / Double(data.count)
    }

    /// The 0–1 training error of `model` on `data`.
    static func error(model: Model, data: LabeledData, batchSize: Int = 1024) throws -> Double {
        var wrong = 0
        for range in try data.batchRanges(size: batchSize) {
            let (x, y) = data.batch(range)
            let predicted = try Metrics.predictions(logits: try model.forward(x, training: false))
            wrong += zip(predicted, y).filter { $0 != $1 }.count
        }
        return Double(wrong) / Double(data.count)
    }
}
