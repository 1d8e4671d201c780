import XCTest
import TrainingCore
@testable import Probes

final class MinimumNormInterpolationTests: XCTestCase {
    func testHandComputedPseudoInverse() throws {
        // X = [[1,0,0],[0,1,0]], y = [1,2]: the min-norm solution is (1, 2, 0).
        let a = try MinimumNormInterpolation(inputs: [1, 0, 0, 0, 1, 0], count: 2, dimension: 3, targets: [1, 2])
        XCTAssertEqual(a.weights, [1, 2, 0])
        // X = [[1,1]], y = 2: w = Xᵀ(XXᵀ)⁻¹y = (1,1)·2/2 = (1, 1).
        let b = try MinimumNormInterpolation(inputs: [1, 1], count: 1, dimension: 2, targets: [2])
        XCTAssertEqual(b.weights[0], 1, accuracy: 1e-15)
        XCTAssertEqual(b.weights[1], 1, accuracy: 1e-15)
    }

    /// Against an independent route: w = (XᵀX)⁺ Xᵀy with the pseudo-inverse taken from the
    /// eigen-decomposition of the (d, d) matrix XᵀX (eigenvalues below 1e-9·max dropped).
    func testMatchesEigenPseudoInverse() throws {
        var rng = TestGenerator(seed: 11)
        let n = 12, d = 30
        let x = rng.uniforms(n * d), y = rng.uniforms(n)
        let fit = try MinimumNormInterpolation(inputs: x, count: n, dimension: d, targets: y)
        var xtx = [Double](repeating: 0, count: d * d)
        for i in 0..<n { for p in 0..<d { for q in 0..<d { xtx[p * d + q] += x[i * d + p] * x[i * d + q] } } }
        var xty = [Double](repeating: 0, count: d)
        for i in 0..<n { for p in 0..<d { xty[p] += x[i * d + p] * y[i] } }
        let (values, vectorsOrNil) = try BLAS.symmetricEigen(xtx, n: d, vectors: true)
        let vectors = try XCTUnwrap(vectorsOrNil)
        var reference = [Double](repeating: 0, count: d)
        let cutoff = 1e-9 * values.last!
        for r in 0..<d where values[r] > cutoff {
            let v = Array(vectors[r * d ..< (r + 1) * d])
            let c = zip(v, xty).reduce(0) { $0 + $1.0 * $1.1 } / values[r]
            for p in 0..<d { reference[p] += c * v[p] }
        }
        for p in 0..<d { XCTAssertEqual(fit.weights[p], reference[p], accuracy: 1e-10) }
        // It interpolates.
        let fitted = try fit.predict(x)
        for i in 0..<n { XCTAssertEqual(fitted[i], y[i], accuracy: 1e-10) }
    }

    func testSGDFromZeroConvergesToMinimumNorm() throws {
        var rng = TestGenerator(seed: 5)
        let n = 20, d = 50, k = 2
        let x = rng.uniforms(n * d), y = rng.uniforms(n * k)
        let fit = try MinimumNormInterpolation(inputs: x, count: n, dimension: d, targets: y, outputs: k)
        let (w, epochs) = try MinimumNormInterpolation.stochasticGradientDescent(
            inputs: x, count: n, dimension: d, targets: y, outputs: k, epochs: 20_000, tolerance: 1e-13, rng: &rng)
        XCTAssertLessThan(epochs, 20_000, "SGD did not reach the tolerance")
        for j in 0..<(d * k) { XCTAssertEqual(w[j], fit.weights[j], accuracy: 1e-10) }
    }

    func testOtherInterpolantsHaveLargerNorm() throws {
        var rng = TestGenerator(seed: 9)
        let n = 8, d = 20
        let x = rng.uniforms(n * d), y = rng.uniforms(n)
        let fit = try MinimumNormInterpolation(inputs: x, count: n, dimension: d, targets: y)
        let wNorm2 = fit.weights.reduce(0) { $0 + $1 * $1 }
        for _ in 0..<5 {
            let v = try fit.nullSpaceComponent(of: rng.uniforms(d))
            let other = zip(fit.weights, v).map { $0 + $1 }
            // Still an interpolant …
            let fitted = try MinimumNormInterpolation(inputs: x, count: n, dimension: d, targets: y).predict(x)
            let otherFitted = (0..<n).map { i in (0..<d).reduce(0.0) { $0 + x[i * d + $1] * other[$1] } }
            for i in 0..<n { XCTAssertEqual(otherFitted[i], fitted[i], accuracy: 1e-10) }
            // … with ‖w + v‖² = ‖w‖² + ‖v‖² > ‖w‖².
            let vNorm2 = v.reduce(0) { $0 + $1 * $1 }
            let otherNorm2 = other.reduce(0) { $0 + $1 * $1 }
            XCTAssertGreaterThan(vNorm2, 1e-3)
            XCTAssertEqual(otherNorm2, wNorm2 + vNorm2, accuracy: 1e-10)
        }
    }

    func testBadInputThrows() {
        XCTAssertThrowsError(try MinimumNormInterpolation(inputs: [1, 2, 3, 4, 5, 6], count: 3, dimension: 2, targets: [1, 2, 3]))
        XCTAssertThrowsError(try MinimumNormInterpolation(inputs: [1, 2, 2, 4], count: 2, dimension: 2, targets: [1, 2]))
        XCTAssertThrowsError(try MinimumNormInterpolation(inputs: [1, 2], count: 1, dimension: 2, targets: [1, 2]))
    }
}

final class KernelInterpolationTests: XCTestCase {
    func testKernelValuesByHand() throws {
        // ‖(0,0) − (3,4)‖² = 25; bandwidth 5 ⇒ exp(−25/50).
        let g = try Kernel.gaussian(bandwidth: 5).matrix([0, 0], [3, 4], dimension: 2)
        XCTAssertEqual(g[0], exp(-0.5), accuracy: 1e-15)
        // (⟨(1,2),(3,4)⟩ + 1)² = 12² = 144.
        let p = try Kernel.polynomial(degree: 2, scale: 1, offset: 1).matrix([1, 2], [3, 4], dimension: 2)
        XCTAssertEqual(p[0], 144, accuracy: 1e-12)
        XCTAssertEqual(try Kernel.linear.matrix([1, 2, 0, 1], [3, 4], dimension: 2), [11, 4])
    }

    func testRidgeOnOnePointMatchesClosedForm() throws {
        // One point, k(x,x) = 1 for the Gaussian kernel: α = y / (1 + λ).
        let fit = try KernelInterpolation(kernel: .gaussian(bandwidth: 1), inputs: [0.3, -0.2], count: 1,
                                          dimension: 2, targets: [3], ridge: 0.5)
        XCTAssertEqual(fit.coefficients[0], 2, accuracy: 1e-14)
    }

    /// Random labels on random points: the Gaussian-kernel interpolant fits every one.
    func testFitsRandomLabels() throws {
        var rng = TestGenerator(seed: 21)
        let n = 150, d = 6, classes = 10
        let x = rng.uniforms(n * d)
        let labels = (0..<n).map { _ in Int.random(in: 0..<classes, using: &rng) }
        let y = try KernelInterpolation.oneHot(labels: labels, classes: classes)
        let fit = try KernelInterpolation(kernel: .gaussian(bandwidth: 0.5), inputs: x, count: n,
                                          dimension: d, targets: y, outputs: classes)
        let f = try fit.predict(x)
        for i in 0..<(n * classes) { XCTAssertEqual(f[i], y[i], accuracy: 1e-6) }
        XCTAssertEqual(try fit.classify(x), labels)
        // Prediction in blocks gives the same numbers.
        for (a, b) in zip(try fit.predict(x, blockSize: 7), f) { XCTAssertEqual(a, b, accuracy: 1e-12) }
    }

    /// On learnable data (the class is the sign of the first coordinate) the interpolant also
    /// generalizes, with no regularizer: ≥ 90% on fresh points. (A narrow bandwidth keeps the
    /// kernel matrix well conditioned; a wide one in 2-D makes it numerically singular.)
    func testGeneralizesOnStructuredLabels() throws {
        var rng = TestGenerator(seed: 4)
        let n = 200, d = 2
        let x = rng.uniforms(n * d)
        let labels = (0..<n).map { x[$0 * d] > 0 ? 1 : 0 }
        let fit = try KernelInterpolation(kernel: .gaussian(bandwidth: 0.1), inputs: x, count: n, dimension: d,
                                          targets: try KernelInterpolation.oneHot(labels: labels, classes: 2), outputs: 2)
        let test = rng.uniforms(500 * d)
        let predicted = try fit.classify(test)
        let correct = (0..<500).filter { predicted[$0] == (test[$0 * d] > 0 ? 1 : 0) }.count
        XCTAssertGreaterThanOrEqual(Double(correct) / 500, 0.9)
    }

    func testBadLabelsAndDuplicatesThrow() {
        XCTAssertThrowsError(try KernelInterpolation.oneHot(labels: [0, 3], classes: 3))
        XCTAssertThrowsError(try KernelInterpolation(kernel: .linear, inputs: [1, 1, 1, 1], count: 2, dimension: 2, targets: [0, 1]))
    }
}

final class MinimumNormClassificationTests: XCTestCase {
    /// One-hot targets on d ≥ n points: the min-norm fit classifies every training point right.
    func testOneHotTargetsAreFitAndClassified() throws {
        var rng = TestGenerator(seed: 14)
        let n = 30, d = 60, classes = 5
        let x = rng.uniforms(n * d)
        let labels = (0..<n).map { _ in Int(rng.next() % UInt64(classes)) }
        let fit = try MinimumNormInterpolation(inputs: x, count: n, dimension: d,
                                               targets: try KernelInterpolation.oneHot(labels: labels, classes: classes),
                                               outputs: classes)
        XCTAssertEqual(try fit.classify(x), labels)
    }
}
