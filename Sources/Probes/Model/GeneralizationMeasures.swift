import Foundation
import TrainingCore

/// Norm- and margin-based complexity measures of Jiang et al. (2020) for an MLP of `Dense`
/// layers `W₁ … W_L`, computed on its training set. Ranking them against the generalization gap
/// over a grid of models (``Statistics/kendallTau(_:_:)``) is the paper's test.
public struct GeneralizationMeasures: Sendable, Hashable, Codable {
    /// `‖θ‖²` over every parameter.
    public let parameterNormSquared: Double
    /// `‖θ − θ₀‖` from the given initial parameters, if any.
    public let distanceFromInitialization: Double?
    /// `Σ_l log ‖W_l‖²_F`.
    public let logProductOfFrobeniusNorms: Double
    /// `Σ_l log ‖W_l‖²₂` (spectral norms by power iteration on `WᵀW`).
    public let logProductOfSpectralNorms: Double
    /// `log Σ_k f_{θ²}(1)_k`: the path norm, summed over every input-to-output path of the
    /// squared weights (biases count as paths from a constant input 1).
    public let logPathNorm: Double
    /// `γ`: the 10th percentile of the training margins (true logit minus the largest other).
    public let margin: Double
    /// `1/γ²`, nil when `γ ≤ 0`.
    public let inverseMarginSquared: Double?
    /// `log(Π_l ‖W_l‖²₂ / γ²)`, nil when `γ ≤ 0`.
    public let logSpectralProductOverMargin: Double?

    /// Computes every measure for `model` (Dense layers only) on `train`.
    ///
    /// - Parameters:
    ///   - initialParameters: `θ₀`, the parameters at initialisation, for the distance measure.
    ///   - rng: start vectors of the spectral-norm power iterations.
    public static func compute(model: Model, train: LabeledData, initialParameters: [Float]? = nil,
                               rng: inout some RandomNumberGenerator, batchSize: Int = 512) throws -> GeneralizationMeasures {
        try checkCompatible(model, train)
        let dense = denseLayers(of: model)
        guard !dense.isEmpty, dense.count == model.layers.count else {
            throw ProbeError.invalidArgument("generalization measures need a model of Dense layers only")
        }
        let theta = model.flatParameters().map(Double.init)
        var distance: Double? = nil
        if let initial = initialParameters {
            guard initial.count == theta.count else {
                throw ProbeError.shapeMismatch("initial parameters have \(initial.count) values, the model \(theta.count)")
            }
            distance = zip(theta, initial).reduce(0.0) { $0 + ($1.0 - Double($1.1)) * ($1.0 - Double($1.1)) }.squareRoot()
        }
        var logFrobenius = 0.0, logSpectral = 0.0
        var path = [Double](repeating: 1, count: dense[0].inputs)        // f_{θ²} on the all-ones input
        for layer in dense {
            let w = Array(theta[layer.weightOffset ..< layer.biasOffset])  // (out, in)
            logFrobenius += log(dot(w, w))
            logSpectral += log(try spectralNormSquared(w, rows: layer.outputs, columns: layer.inputs, rng: &rng))
            var next = [Double](repeating: 0, count: layer.outputs)
            for o in 0..<layer.outputs {
                let b = theta[layer.biasOffset + o]
                var s = b * b
                for i in 0..<layer.inputs { s += w[o * layer.inputs + i] * w[o * layer.inputs + i] * path[i] }
                next[o] = s
            }
            path = next
        }
        var margins: [Float] = []
        for range in try train.batchRanges(size: batchSize) {
            let (x, y) = train.batch(range)
            margins += try Metrics.margins(logits: try model.forward(x, training: false), labels: y)
        }
        let gamma = Double(margins.sorted()[Int(0.1 * Double(margins.count - 1))])
        return GeneralizationMeasures(
            parameterNormSquared: dot(theta, theta),
            distanceFromInitialization: distance,
            logProductOfFrobeniusNorms: logFrobenius,
            logProductOfSpectralNorms: logSpectral,
            logPathNorm: log(path.reduce(0, +)),
            margin: gamma,
            inverseMarginSquared: gamma > 0 ? 1 / (gamma * gamma) : nil,
            logSpectralProductOverMargin: gamma > 0 ? logSpectral - log(gamma * gamma) : nil)
    }

    /// `‖W‖²₂`, the largest eigenvalue of `WᵀW`, for `W` `(rows, columns)`.
    static func spectralNormSquared(_ w: [Double], rows: Int, columns: Int,
                                    rng: inout some RandomNumberGenerator) throws -> Double {
        let result = try PowerIteration.dominantEigenpair(dimension: columns, maxIterations: 2000, tolerance: 1e-10,
                                                          rng: &rng) { v in
            let wv = matmul(w, v, m: rows, n: 1, k: columns)                   // (rows)
            return matmul(w, wv, m: columns, n: 1, k: rows, transposeA: true)   // (columns)
        }
        return result.value
    }
}
