extension SmallNetwork {
    /// The exact Hessian-vector product `H v` of the mean loss, by Pearlmutter's R-operator
    /// (one forward, one backward, one R-forward and one R-backward pass).
    ///
    /// - Parameters:
    ///   - vector: `v`, in the layout of ``parameters``.
    public func hessianVectorProduct(inputs: [Double], labels: [Int], vector: [Double]) throws -> [Double] {
        guard vector.count == parameterCount else {
            throw ProbeError.shapeMismatch("vector has \(vector.count) values, the network \(parameterCount) parameters")
        }
        let pass = try forward(inputs: inputs, labels: labels)
        let deltas = backward(pass, labels: labels).deltas
        return rBackward(pass, deltas: deltas, direction: vector, labels: labels)
    }

    /// The Hessian as an operator `v ↦ H v` at the current parameters, with the forward and
    /// backward passes done once (each call then costs one R-forward and one R-backward pass).
    /// Hand it to ``Lanczos`` or ``PowerIteration`` for the top eigenvalues of larger networks.
    public func hessianOperator(inputs: [Double], labels: [Int]) throws -> @Sendable ([Double]) throws -> [Double] {
        let pass = try forward(inputs: inputs, labels: labels)
        let deltas = backward(pass, labels: labels).deltas
        let network = self
        return { v in
            guard v.count == network.parameterCount else {
                throw ProbeError.shapeMismatch("vector has \(v.count) values, the network \(network.parameterCount) parameters")
            }
            return network.rBackward(pass, deltas: deltas, direction: v, labels: labels)
        }
    }

    /// The `count` largest Hessian eigenvalues (descending) by `iterations` Lanczos steps.
    public func topHessianEigenvalues(inputs: [Double], labels: [Int], count: Int, iterations: Int = 40,
                                      rng: inout some RandomNumberGenerator) throws -> [Double] {
        let h = try hessianOperator(inputs: inputs, labels: labels)
        let result = try Lanczos.eigenvalues(dimension: parameterCount, iterations: iterations, rng: &rng, multiply: h)
        return Array(result.values.prefix(count))
    }

    /// The full `(P, P)` Hessian (row-major, symmetrised), one R-pass per parameter direction.
    /// Cost ≈ P Hessian-vector products; meant for networks of a few thousand parameters.
    public func hessian(inputs: [Double], labels: [Int]) throws -> [Double] {
        let pass = try forward(inputs: inputs, labels: labels)
        let deltas = backward(pass, labels: labels).deltas
        let p = parameterCount
        var h = [Double](repeating: 0, count: p * p)
        var e = [Double](repeating: 0, count: p)
        for j in 0..<p {
            e[j] = 1
            let column = rBackward(pass, deltas: deltas, direction: e, labels: labels)
            e[j] = 0
            for i in 0..<p { h[i * p + j] = column[i] }
        }
        for i in 0..<p {
            for j in (i + 1)..<max(p, i + 1) {
                let s = 0.5 * (h[i * p + j] + h[j * p + i])
                h[i * p + j] = s
                h[j * p + i] = s
            }
        }
        return h
    }

    /// The eigenvalues of the full Hessian (by `BLAS.symmetricEigen`).
    public func hessianSpectrum(inputs: [Double], labels: [Int]) throws -> HessianSpectrum {
        try HessianSpectrum(symmetricMatrix: try hessian(inputs: inputs, labels: labels), size: parameterCount)
    }

    /// R-forward then R-backward along `direction` V, given the forward pass and the deltas δ_l.
    ///
    ///   R(h₀) = 0
    ///   R(z_l) = R(h_{l−1}) W_lᵀ + h_{l−1} V_Wᵀ + V_b            (N, out)
    ///   R(h_l) = σ′(z_l) ⊙ R(z_l)
    ///   R(δ_L) = (p ⊙ R(z_L) − p (pᵀR(z_L))) / N                  (softmax Jacobian, per row)
    ///   R(∇W_l) = R(δ_l)ᵀ h_{l−1} + δ_lᵀ R(h_{l−1}),  R(∇b_l) = Σᵢ R(δ_l)
    ///   R(g_h) = R(δ_l) W_l + δ_l V_W,  g_h = δ_l W_l
    ///   R(δ_{l−1}) = R(g_h) ⊙ σ′(z_{l−1}) + g_h ⊙ σ″(z_{l−1}) ⊙ R(z_{l−1})
    func rBackward(_ pass: Pass, deltas: [[Double]], direction v: [Double], labels: [Int]) -> [Double] {
        let n = labels.count, L = layerCount
        // R-forward.
        var rz: [[Double]] = [[]]
        var rh: [[Double]] = [[Double](repeating: 0, count: n * inputSize)]
        for l in 1...L {
            let fanIn = widths[l - 1], fanOut = widths[l]
            let o = offsets(layer: l)
            var r = [Double](repeating: 0, count: n * fanOut)                                  // (N, out)
            for i in 0..<n { for j in 0..<fanOut { r[i * fanOut + j] = v[o.biases + j] } }
            if l > 1 {
                matmulAdd(rh[l - 1], weights(l, in: parameters), into: &r, m: n, n: fanOut, k: fanIn, transposeB: true)
            }
            matmulAdd(pass.activations[l - 1], weights(l, in: v), into: &r, m: n, n: fanOut, k: fanIn, transposeB: true)
            rz.append(r)
            if l < L {
                let z = pass.preActivations[l], h = pass.activations[l]
                rh.append((0..<r.count).map { r[$0] * derivative(z: z[$0], h: h[$0]) })
            }
        }
        // R of the output delta.
        let c = classes, p = pass.probabilities
        var rDelta = [Double](repeating: 0, count: n * c)                                       // (N, C)
        for i in 0..<n {
            var pr = 0.0
            for j in 0..<c { pr += p[i * c + j] * rz[L][i * c + j] }
            for j in 0..<c { rDelta[i * c + j] = p[i * c + j] * (rz[L][i * c + j] - pr) / Double(n) }
        }
        // R-backward.
        var result = [Double](repeating: 0, count: parameterCount)
        for l in stride(from: L, through: 1, by: -1) {
            let fanIn = widths[l - 1], fanOut = widths[l]
            let o = offsets(layer: l)
            let delta = deltas[l]
            var rgW = matmul(rDelta, pass.activations[l - 1], m: fanOut, n: fanIn, k: n, transposeA: true)  // (out, in)
            if l > 1 { matmulAdd(delta, rh[l - 1], into: &rgW, m: fanOut, n: fanIn, k: n, transposeA: true) }
            for k in 0..<(fanOut * fanIn) { result[o.weights + k] = rgW[k] }
            for i in 0..<n { for j in 0..<fanOut { result[o.biases + j] += rDelta[i * fanOut + j] } }
            if l > 1 {
                let w = weights(l, in: parameters), vw = weights(l, in: v)
                let gh = matmul(delta, w, m: n, n: fanIn, k: fanOut)                                 // (N, in)
                var rgh = matmul(rDelta, w, m: n, n: fanIn, k: fanOut)
                matmulAdd(delta, vw, into: &rgh, m: n, n: fanIn, k: fanOut)
                let z = pass.preActivations[l - 1], h = pass.activations[l - 1], rzPrevious = rz[l - 1]
                rDelta = (0..<rgh.count).map { k in
                    rgh[k] * derivative(z: z[k], h: h[k]) + gh[k] * secondDerivative(z: z[k], h: h[k]) * rzPrevious[k]
                }
            }
        }
        return result
    }
}
