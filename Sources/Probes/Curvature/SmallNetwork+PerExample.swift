extension SmallNetwork {
    /// `‖∇θ ℓᵢ‖²` for every example's own loss, from one batched forward and backward pass,
    /// without forming any per-example gradient: a dense layer's per-example gradient is the
    /// outer product `δᵢ (hᵢ, 1)ᵀ`, whose squared norm is `‖δᵢ‖² (‖hᵢ‖² + 1)` (Goodfellow 2015).
    public func perExampleGradientSquaredNorms(inputs: [Double], labels: [Int]) throws -> [Double] {
        try perExampleGradients(inputs: inputs, labels: labels).squaredNorms
    }

    /// The coherence of the per-example gradients (``GradientCoherence``): `Σᵢ gᵢ` is `N` times
    /// the mean-loss gradient and the norms come from ``perExampleGradientSquaredNorms(inputs:labels:)``.
    public func gradientCoherence(inputs: [Double], labels: [Int]) throws -> GradientCoherence {
        let (sum, norms) = try perExampleGradients(inputs: inputs, labels: labels)
        return GradientCoherence(examples: labels.count, squaredNormOfSum: dot(sum, sum), squaredNorms: norms)
    }

    private func perExampleGradients(inputs: [Double], labels: [Int]) throws -> (sum: [Double], squaredNorms: [Double]) {
        let pass = try forward(inputs: inputs, labels: labels)
        let (gradient, deltas) = backward(pass, labels: labels)
        let n = labels.count, scale = Double(n)            // deltas carry the 1/N of the mean loss
        var norms = [Double](repeating: 0, count: n)
        for l in 1...layerCount {
            let fanIn = widths[l - 1], fanOut = widths[l]
            let h = pass.activations[l - 1], delta = deltas[l]
            for i in 0..<n {
                var dd = 0.0, hh = 1.0                       // the 1 is the bias input
                for o in 0..<fanOut { let v = scale * delta[i * fanOut + o]; dd += v * v }
                for k in 0..<fanIn { hh += h[i * fanIn + k] * h[i * fanIn + k] }
                norms[i] += dd * hh
            }
        }
        return (gradient.map { $0 * scale }, norms)
    }
}
