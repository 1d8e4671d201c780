import XCTest
@testable import Probes
import TrainingCore

final class SupervisionComplexityTests: XCTestCase {
    /// The closed-form tangent kernel against central differences of the logits with respect to
    /// every parameter: `K_ij = (1/C) Σ_c Σ_p ∂f_c(x_i)/∂θ_p ∂f_c(x_j)/∂θ_p` (tolerance 1e-6), ReLU and tanh.
    func testTangentKernelMatchesFiniteDifferences() throws {
        for activation in [SmallNetwork.Activation.relu, .tanh] {
            var rng = TestGenerator(seed: 9)
            let net = try SmallNetwork(widths: [3, 5, 2], activation: activation, rng: &rng)
            var withBiases = net
            for i in withBiases.parameters.indices { withBiases.parameters[i] += 0.1 * rng.uniforms(1)[0] }
            let x = rng.uniforms(4 * 3)
            let kernel = try withBiases.tangentKernel(inputs: x)
            let m = 4, c = 2, h = 1e-6
            var jacobian = [[Double]](repeating: [], count: m * c)       // (point, class) → ∂f/∂θ
            for p in withBiases.parameters.indices {
                var up = withBiases, down = withBiases
                up.parameters[p] += h; down.parameters[p] -= h
                let (fu, fd) = (try up.logits(inputs: x), try down.logits(inputs: x))
                for r in 0..<(m * c) { jacobian[r].append((fu[r] - fd[r]) / (2 * h)) }
            }
            for i in 0..<m {
                for j in 0..<m {
                    var expected = 0.0
                    for k in 0..<c { expected += zip(jacobian[i * c + k], jacobian[j * c + k]).map(*).reduce(0, +) / Double(c) }
                    XCTAssertEqual(kernel[i * m + j], expected, accuracy: 1e-6 * max(1, abs(expected)), "\(activation) (\(i), \(j))")
                }
            }
        }
    }

    /// K = 2I: every centred target has complexity 1/√(2 + λ) with λ = 10⁻³ · 2. K = [[2, 1], [1, 2]]:
    /// the centred targets (1, −1) lie along its eigenvalue 1, so 1/√(1 + λ) with λ = 2·10⁻³; constant
    /// targets centre to zero and score 0.
    func testClosedForms() throws {
        let identity2 = [2.0, 0, 0, 0, 2, 0, 0, 0, 2]
        let a = try supervisionComplexity(kernel: identity2, count: 3, targets: [1, 0, 0, 1, 0.5, 0.5], outputs: 2)
        XCTAssertEqual(a, 1 / (2.002).squareRoot(), accuracy: 1e-12)
        let pair = [2.0, 1, 1, 2]
        XCTAssertEqual(try supervisionComplexity(kernel: pair, count: 2, targets: [1, -1], outputs: 1), 1 / (1.002).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(try supervisionComplexity(kernel: pair, count: 2, targets: [3, 3], outputs: 1), 0)
        XCTAssertThrowsError(try supervisionComplexity(kernel: pair, count: 2, targets: [1, 2, 3], outputs: 1))
    }
}

final class SaliencyMaskTests: XCTestCase {
    /// Saliency pruning removes the prunable weights with the smallest scores (biases never), ties by position.
    func testSaliencyRemovesTheSmallestScores() throws {
        var rng = SeededGenerator(seed: 3)
        let model = try Model(architecture: .mlp(hidden: []), inputShape: [3], classes: 2, rng: &rng)   // W (2, 3) then b (2)
        let scores: [Float] = [5, 1, 4, 0, 3, 2, 0, 0]
        let mask = try PruningMask.saliency(model: model, scores: scores, sparsity: 0.5)
        XCTAssertEqual(mask.keep, [1, 0, 1, 0, 1, 0, 1, 1])
        XCTAssertThrowsError(try PruningMask.saliency(model: model, scores: [1], sparsity: 0.5))
    }
}
