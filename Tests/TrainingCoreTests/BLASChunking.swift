import XCTest
@testable import TrainingCore

/// Whether this machine's OpenBLAS kernel gives every element of a product the same bits when the
/// product is computed whole and when it is computed in chunks of rows or of columns (as a batch
/// cut into chunks of examples is). It does for the kernels the project is tested on (Cooperlake,
/// SkylakeX, Haswell, Zen, Sandybridge: README, "Exactly the same numbers at any thread count"),
/// so tests of chunked passes demand equal bits there. It does not for OpenBLAS 0.3.21's Prescott
/// kernels, its fallback for CPUs it does not recognise (seen on an Intel Xeon with AVX-512 whose
/// model 0.3.21 predates): chunked and whole products differ in the last bits. On such a kernel
/// those tests allow rounding differences instead. The training core's own promise, the
/// same bits at any thread count, does not rest on this: its product split is checked on the
/// running kernel (`BLAS.splitDescription`), and a run cuts its batches the same way every time.
enum BLASChunking {
    static let exact: Bool = {
        var state: UInt32 = 7
        func values(_ n: Int) -> [Float] {
            (0..<n).map { _ in state = state &* 1_664_525 &+ 1_013_904_223; return Float(state >> 8) / Float(1 << 24) - 0.5 }
        }
        // Rows: (7 × 19)·(19 × 5) whole and in row chunks of 3, 3, 1.
        let (m, k, n) = (7, 19, 5)
        let a = values(m * k), b = values(k * n)
        var whole = [Float](repeating: 0, count: m * n), chunked = whole
        BLAS.sgemmSerial(false, false, m: m, n: n, k: k, a, b, &whole)
        for rows in [0..<3, 3..<6, 6..<7] {
            a.withUnsafeBufferPointer { ap in
                chunked.withUnsafeMutableBufferPointer { cp in
                    BLAS.sgemmSerial(false, false, m: rows.count, n: n, k: k, ap.baseAddress! + rows.lowerBound * k, b,
                                     cp.baseAddress! + rows.lowerBound * n)
                }
            }
        }
        guard whole.map(\.bitPattern) == chunked.map(\.bitPattern) else { return false }
        // Columns: (3 × 18)·(18 × 45) whole and in column chunks of 18, 18, 9 (an im2col product).
        let (m2, k2, n2) = (3, 18, 45)
        let w = values(m2 * k2), col = values(k2 * n2)
        var whole2 = [Float](repeating: 0, count: m2 * n2)
        BLAS.sgemmSerial(false, false, m: m2, n: n2, k: k2, w, col, &whole2)
        for columns in [0..<18, 18..<36, 36..<45] {
            var part = [Float](repeating: 0, count: k2 * columns.count), out = [Float](repeating: 0, count: m2 * columns.count)
            for r in 0..<k2 { for (j, c) in columns.enumerated() { part[r * columns.count + j] = col[r * n2 + c] } }
            BLAS.sgemmSerial(false, false, m: m2, n: columns.count, k: k2, w, part, &out)
            for r in 0..<m2 { for (j, c) in columns.enumerated() where out[r * columns.count + j].bitPattern != whole2[r * n2 + c].bitPattern { return false } }
        }
        return true
    }()
}

/// `a` and `b` bit for bit when `BLASChunking.exact`, else within 1e-5 · max(1, |b|): rounding of
/// sums whose terms are of order 1 (a chunking mistake would be off by the size of a term).
func assertChunkedEqual(_ a: Tensor, _ b: Tensor, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
    if BLASChunking.exact { return XCTAssertEqual(a, b, what, file: file, line: line) }
    XCTAssertEqual(a.shape, b.shape, what, file: file, line: line)
    for (i, (x, y)) in zip(a.scalars, b.scalars).enumerated() where !(abs(x - y) <= 1e-5 * max(1, abs(y))) {
        return XCTFail("\(what): element \(i): \(x) vs \(y) (BLAS \(BLAS.coreName), not chunk-exact)", file: file, line: line)
    }
}
