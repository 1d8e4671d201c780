import XCTest
@testable import Probes

final class SmallNetworkHessianTests: XCTestCase {
    private func data(n: Int, d: Int, classes: Int, rng: inout TestGenerator) -> ([Double], [Int]) {
        (rng.uniforms(n * d), (0..<n).map { _ in Int.random(in: 0..<classes, using: &rng) })
    }

    /// Central differences of a scalar function along coordinate j.
    private func centralDifference(_ f: ([Double]) throws -> Double, at x: [Double], _ j: Int, _ h: Double) rethrows -> Double {
        var plus = x, minus = x
        plus[j] += h
        minus[j] -= h
        return (try f(plus) - f(minus)) / (2 * h)
    }

    func testGradientMatchesCentralDifferences() throws {
        for activation in [SmallNetwork.Activation.tanh, .relu] {
            var rng = TestGenerator(seed: 31)
            let net = try SmallNetwork(widths: [3, 5, 4, 3], activation: activation, rng: &rng)
            let (x, y) = data(n: 9, d: 3, classes: 3, rng: &rng)
            let g = try net.lossAndGradient(inputs: x, labels: y).gradient
            let loss = { (p: [Double]) in
                try SmallNetwork(widths: net.widths, activation: activation, parameters: p).loss(inputs: x, labels: y)
            }
            for j in 0..<net.parameterCount {
                XCTAssertEqual(g[j], try centralDifference(loss, at: net.parameters, j, 1e-6), accuracy: 1e-8, "\(activation) parameter \(j)")
            }
        }
    }

    /// The exact Hessian, column by column, against central differences of the exact gradient
    /// (error O(h²) ≈ 1e-10 for h = 1e-5), and exactly symmetric.
    func testHessianMatchesCentralDifferencesOfGradient() throws {
        for activation in [SmallNetwork.Activation.tanh, .relu] {
            var rng = TestGenerator(seed: 17)
            let net = try SmallNetwork(widths: [2, 4, 3, 3], activation: activation, rng: &rng)
            let (x, y) = data(n: 7, d: 2, classes: 3, rng: &rng)
            let p = net.parameterCount
            let h = try net.hessian(inputs: x, labels: y)
            for j in 0..<p {
                var plus = net, minus = net
                plus.parameters[j] += 1e-5
                minus.parameters[j] -= 1e-5
                let gp = try plus.lossAndGradient(inputs: x, labels: y).gradient
                let gm = try minus.lossAndGradient(inputs: x, labels: y).gradient
                for i in 0..<p {
                    XCTAssertEqual(h[i * p + j], (gp[i] - gm[i]) / 2e-5, accuracy: 1e-7, "\(activation) H[\(i), \(j)]")
                    XCTAssertEqual(h[i * p + j], h[j * p + i])
                }
            }
            // A Hessian-vector product along a random direction equals H v.
            let v = rng.uniforms(p)
            let hv = try net.hessianVectorProduct(inputs: x, labels: y, vector: v)
            for i in 0..<p {
                let reference = (0..<p).reduce(0.0) { $0 + h[i * p + $1] * v[$1] }
                XCTAssertEqual(hv[i], reference, accuracy: 1e-10)
            }
        }
    }

    /// No hidden layer: multinomial logistic regression, whose Hessian has the closed form
    /// (1/N) Σᵢ (diag(pᵢ) − pᵢpᵢᵀ) ⊗ x̃ᵢx̃ᵢᵀ with x̃ = (x, 1) — here laid out as W (C, d) then b (C).
    func testLogisticRegressionClosedForm() throws {
        var rng = TestGenerator(seed: 2)
        let d = 3, c = 4, n = 10
        let net = try SmallNetwork(widths: [d, c], activation: .tanh, rng: &rng)
        let (x, y) = data(n: n, d: d, classes: c, rng: &rng)
        let h = try net.hessian(inputs: x, labels: y)
        let p = net.parameterCount
        XCTAssertEqual(p, c * d + c)
        let logits = try net.logits(inputs: x)
        var reference = [Double](repeating: 0, count: p * p)
        // Parameter index of (class a, input feature k), k = d meaning the bias.
        func index(_ a: Int, _ k: Int) -> Int { k < d ? a * d + k : c * d + a }
        for i in 0..<n {
            let z = Array(logits[i * c ..< (i + 1) * c])
            let m = z.max()!
            let e = z.map { exp($0 - m) }
            let prob = e.map { $0 / e.reduce(0, +) }
            let xt = Array(x[i * d ..< (i + 1) * d]) + [1]
            for a in 0..<c { for b in 0..<c {
                let s = (a == b ? prob[a] : 0) - prob[a] * prob[b]
                for k in 0...d { for l in 0...d {
                    reference[index(a, k) * p + index(b, l)] += s * xt[k] * xt[l] / Double(n)
                } }
            } }
        }
        for k in 0..<(p * p) { XCTAssertEqual(h[k], reference[k], accuracy: 1e-13) }
        // Softmax is invariant to adding one vector to every class's weights: d + 1 null directions.
        let spectrum = try net.hessianSpectrum(inputs: x, labels: y)
        XCTAssertEqual(spectrum.nearZeroCount(tolerance: 1e-12), d + 1)
        XCTAssertEqual(spectrum.negativeCount(tolerance: 1e-12), 0)
    }

    func testGradientDescentFitsSeparableData() throws {
        var rng = TestGenerator(seed: 9)
        // Two classes split by the sign of x₀.
        let x = rng.uniforms(40 * 2)
        let y = (0..<40).map { x[$0 * 2] > 0 ? 1 : 0 }
        var net = try SmallNetwork(widths: [2, 8, 2], activation: .tanh, rng: &rng)
        let losses = try net.trainGradientDescent(inputs: x, labels: y, learningRate: 0.5, steps: 400)
        XCTAssertLessThan(try net.loss(inputs: x, labels: y), losses[0] / 4)
        XCTAssertGreaterThanOrEqual(try net.accuracy(inputs: x, labels: y), 0.95)
    }

    func testSpectrumCounts() {
        let s = HessianSpectrum(eigenvalues: [9, -1e-9, 0, 3e-8, 0.01, 6, -0.5, 0.02])
        XCTAssertEqual(s.eigenvalues.first, -0.5)
        XCTAssertEqual(s.top, 9)
        XCTAssertEqual(s.count(above: 1), 2)
        XCTAssertEqual(s.nearZeroCount(tolerance: 1e-6), 3)
        XCTAssertEqual(s.negativeCount(tolerance: 1e-6), 1)
        XCTAssertEqual(s.outlierCountByLargestGap(), 2)      // 9, 6 | 0.02 …
    }

    func testBadInputThrows() throws {
        var rng = TestGenerator(seed: 1)
        XCTAssertThrowsError(try SmallNetwork(widths: [3], activation: .relu, rng: &rng))
        XCTAssertThrowsError(try SmallNetwork(widths: [2, 2], activation: .relu, parameters: [1, 2]))
        let net = try SmallNetwork(widths: [2, 3, 2], activation: .relu, rng: &rng)
        XCTAssertThrowsError(try net.loss(inputs: [1, 2, 3], labels: [0]))
        XCTAssertThrowsError(try net.loss(inputs: [1, 2], labels: [2]))
        XCTAssertThrowsError(try net.hessianVectorProduct(inputs: [1, 2], labels: [0], vector: [1]))
    }
}
