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

    /// A split product against the same product computed whole at one thread, bit for bit (no
    /// tolerance), for the shapes and transposes of dense and convolution layers, with general
    /// `alpha` and `beta`. It also checks the product against a plain Float64 loop, so a split that
    /// dropped or repeated a block would fail even if both paths agreed.
    func testSplitProductsMatchTheWholeProductBitForBit() {
        var rng = SeededGenerator(seed: 11)
        let shapes: [(Bool, Bool, Int, Int, Int)] = [
            (false, true, 128, 512, 784), (true, false, 512, 784, 128), (false, false, 128, 784, 512),
            (false, true, 200, 300, 100), (true, false, 300, 100, 200), (true, true, 96, 400, 160),
            (false, false, 1000, 80, 64),
        ]
        let previous = BLAS.threads
        defer { BLAS.threads = previous }
        for (ta, tb, m, n, k) in shapes {
            let a = (0..<m * k).map { _ in rng.normal() }, b = (0..<k * n).map { _ in rng.normal() }
            let c = (0..<m * n).map { _ in rng.normal() }
            var results: [[Float]] = []
            for threads in [1, 2, 3] {
                BLAS.threads = threads
                var out = c
                BLAS.sgemm(ta, tb, m: m, n: n, k: k, alpha: -0.25, a, b, beta: 0.75, &out)
                results.append(out)
            }
            let what = "\(ta ? "aᵀ" : "a")·\(tb ? "bᵀ" : "b") (\(m)×\(k))·(\(k)×\(n))"
            for r in results.dropFirst() {
                XCTAssertTrue(zip(r, results[0]).allSatisfy { $0.bitPattern == $1.bitPattern }, "\(what) differs when split")
            }
            for (i, j) in [(0, 0), (m - 1, n - 1), (m / 2, n / 3), (m - 1, 0)] {
                var sum = 0.0
                for p in 0..<k {
                    sum += Double(ta ? a[p * m + i] : a[i * k + p]) * Double(tb ? b[j * k + p] : b[p * n + j])
                }
                XCTAssertEqual(Double(results[1][i * n + j]), -0.25 * sum + 0.75 * Double(c[i * n + j]),
                               accuracy: 1e-3 * (1 + abs(sum)), "\(what) at (\(i), \(j))")
            }
        }
        XCTAssertFalse(BLAS.splitDescription.isEmpty)
    }

    /// `saxpy` and `sscal` split across threads equal the single call bit for bit, including a
    /// length that is not a multiple of the vector block.
    func testSplitSaxpyAndSscalMatchSingleCall() {
        var rng = SeededGenerator(seed: 12)
        let n = 200_003
        let x = (0..<n).map { _ in rng.normal() }, y = (0..<n).map { _ in rng.normal() }
        let previous = BLAS.threads
        defer { BLAS.threads = previous }
        var results: [[Float]] = []
        for threads in [1, 2] {
            BLAS.threads = threads
            var out = y
            BLAS.saxpy(n, alpha: -0.37, x, &out)
            BLAS.sscal(n, alpha: 0.91, &out)
            results.append(out)
        }
        XCTAssertTrue(zip(results[0], results[1]).allSatisfy { $0.bitPattern == $1.bitPattern })
        XCTAssertEqual(results[0][n - 1], (y[n - 1] - 0.37 * x[n - 1]) * 0.91, accuracy: 1e-5)
    }

    /// Blocks of a split product start at the multiples of the alignment nearest to equal shares
    /// and cover the side exactly once.
    func testSplitBlocksAreNearEqualAndCoverTheSide() {
        func blocks(_ parts: Int, _ side: Int, _ alignment: Int) -> [Range<Int>] {
            (0..<parts).map { BLAS.GEMM<Float>.bounds(part: $0, of: parts, side: side, alignment: alignment) }
        }
        XCTAssertEqual(blocks(2, 128, 12), [0..<60, 60..<128])      // 64 is not a multiple of 12; 60 is the nearest
        XCTAssertEqual(blocks(2, 784, 16), [0..<400, 400..<784])    // 392 lies halfway between 384 and 400
        XCTAssertEqual(blocks(2, 512, 16), [0..<256, 256..<512])
        XCTAssertEqual(blocks(3, 128, 12), [0..<48, 48..<84, 84..<128])
        for (parts, side, alignment) in [(2, 100, 8), (3, 1000, 16), (4, 777, 12), (2, 48, 24)] {
            let b = blocks(parts, side, alignment)
            XCTAssertEqual(b.first?.lowerBound, 0)
            XCTAssertEqual(b.last?.upperBound, side)
            for (x, y) in zip(b, b.dropFirst()) { XCTAssertEqual(x.upperBound, y.lowerBound) }
            for r in b.dropFirst() { XCTAssertEqual(r.lowerBound % alignment, 0) }
        }
    }
}
