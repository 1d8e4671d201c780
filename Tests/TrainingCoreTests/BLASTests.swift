import XCTest
@testable import TrainingCore

final class BLASTests: XCTestCase {
    func testSgemmMatchesHandComputedProduct() {
        // (2,3)·(3,2), worked out by hand.
        let a: [Float] = [1, 2, 3, 4, 5, 6]
        let b: [Float] = [7, 8, 9, 10, 11, 12]
        var c = [Float](repeating: 0, count: 4)
        BLAS.sgemm(false, false, m: 2, n: 2, k: 3, a, b, &c)
        XCTAssertEqual(c, [58, 64, 139, 154])
        // aᵀ·a is (3,3); its corner is 1·1 + 4·4.
        var d = [Float](repeating: 0, count: 9)
        BLAS.sgemm(true, false, m: 3, n: 3, k: 2, a, a, &d)
        XCTAssertEqual(d[0], 17)
        XCTAssertEqual(d[8], 45)
    }

    func testSymmetricEigenOfKnownMatrix() throws {
        // [[2,1],[1,2]] has eigenvalues 1 and 3, eigenvectors (1,-1)/√2 and (1,1)/√2.
        let (values, vectors) = try BLAS.symmetricEigen([2, 1, 1, 2], n: 2, vectors: true)
        XCTAssertEqual(values[0], 1, accuracy: 1e-12)
        XCTAssertEqual(values[1], 3, accuracy: 1e-12)
        let v = try XCTUnwrap(vectors)
        XCTAssertEqual(abs(v[2] + v[3]) / 2, 1 / 2.0.squareRoot(), accuracy: 1e-12)
    }

    func testSolveRecoversKnownSolution() throws {
        // A = [[3,1],[1,2]], x = [1,-2] ⇒ b = [1,-3].
        let x = try BLAS.solve([3, 1, 1, 2], n: 2, [1, -3])
        XCTAssertEqual(x[0], 1, accuracy: 1e-12)
        XCTAssertEqual(x[1], -2, accuracy: 1e-12)
        XCTAssertThrowsError(try BLAS.solve([1, 2, 2, 4], n: 2, [1, 1]))
    }
}
