import XCTest
import TrainingCore
@testable import Probes

final class LanczosTests: XCTestCase {
    /// A (n, n) symmetric matrix Q diag(λ) Qᵀ with a random orthogonal Q (eigenvectors of a random
    /// symmetric matrix).
    private func matrix(eigenvalues: [Double], rng: inout TestGenerator) throws -> [Double] {
        let n = eigenvalues.count
        var r = rng.uniforms(n * n)
        for i in 0..<n { for j in 0..<i { r[i * n + j] = r[j * n + i] } }
        let q = try XCTUnwrap(try BLAS.symmetricEigen(r, n: n, vectors: true).vectors)  // rows orthonormal
        var a = [Double](repeating: 0, count: n * n)
        for k in 0..<n { for i in 0..<n { for j in 0..<n { a[i * n + j] += eigenvalues[k] * q[k * n + i] * q[k * n + j] } } }
        return a
    }

    private func multiply(_ a: [Double], _ v: [Double]) -> [Double] {
        let n = v.count
        return (0..<n).map { i in (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1] } }
    }

    func testFullLanczosMatchesDenseEigenvalues() throws {
        var rng = TestGenerator(seed: 8)
        let n = 40
        var a = rng.uniforms(n * n)
        for i in 0..<n { for j in 0..<i { a[i * n + j] = a[j * n + i] } }
        let reference = try BLAS.symmetricEigen(a, n: n).values.reversed() as [Double]
        let result = try Lanczos.eigenvalues(dimension: n, iterations: n, rng: &rng) { self.multiply(a, $0) }
        XCTAssertEqual(result.values.count, n)
        for (x, y) in zip(result.values, reference) { XCTAssertEqual(x, y, accuracy: 1e-9) }
    }

    /// Bulk in [−1, 1] plus three outliers: 30 steps on a 150-dimensional operator find them,
    /// and the Ritz vectors are eigenvectors.
    func testFewStepsFindOutliers() throws {
        var rng = TestGenerator(seed: 12)
        let n = 150
        var spectrum = rng.uniforms(n - 3)
        spectrum += [12, 8, 5]
        let a = try matrix(eigenvalues: spectrum, rng: &rng)
        let result = try Lanczos.eigenvalues(dimension: n, iterations: 30, vectors: true, rng: &rng) { self.multiply(a, $0) }
        XCTAssertEqual(result.values[0], 12, accuracy: 1e-8)
        XCTAssertEqual(result.values[1], 8, accuracy: 1e-8)
        XCTAssertEqual(result.values[2], 5, accuracy: 1e-8)
        let v = try XCTUnwrap(result.vectors)[0]
        let av = multiply(a, v)
        for i in 0..<n { XCTAssertEqual(av[i], 12 * v[i], accuracy: 1e-6) }
    }

    func testInvariantSubspaceStopsEarly() throws {
        // diag(3, 3, 1, 1): a random start spans a 2-dimensional Krylov space.
        var rng = TestGenerator(seed: 1)
        let d = [3.0, 3, 1, 1]
        let result = try Lanczos.eigenvalues(dimension: 4, iterations: 4, rng: &rng) { v in zip(d, v).map { $0 * $1 } }
        XCTAssertEqual(result.iterations, 2)
        XCTAssertEqual(result.values[0], 3, accuracy: 1e-12)
        XCTAssertEqual(result.values[1], 1, accuracy: 1e-12)
    }

    func testPowerIterationFindsDominantEigenvalue() throws {
        var rng = TestGenerator(seed: 6)
        var spectrum = rng.uniforms(57)
        spectrum += [-10, 6]
        let a = try matrix(eigenvalues: spectrum, rng: &rng)
        let result = try PowerIteration.dominantEigenpair(dimension: 59, maxIterations: 2000, rng: &rng) { self.multiply(a, $0) }
        XCTAssertEqual(result.value, -10, accuracy: 1e-9)
        XCTAssertLessThan(result.iterations, 2000)
        XCTAssertThrowsError(try PowerIteration.dominantEigenpair(dimension: 0, rng: &rng) { $0 })
        XCTAssertThrowsError(try Lanczos.eigenvalues(dimension: 3, iterations: 2, rng: &rng) { _ in [1] })
    }
}
