import COpenBLAS

/// The one file that calls OpenBLAS: matrix products (Float32 and Float64) and the few LAPACK
/// routines the course needs. Matrices are row-major and dense.
public enum BLAS {
    /// The OpenBLAS kernel family in use (for example `Haswell` or `SkylakeX`).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The OpenBLAS build configuration string (version and options).
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The number of threads OpenBLAS uses for one call.
    public static var threads: Int {
        get { Int(openblas_get_num_threads()) }
        set { openblas_set_num_threads(Int32(max(1, newValue))) }
    }

    /// `c = alpha · op(a) · op(b) + beta · c` in Float32, where `op` optionally transposes.
    ///
    /// - Parameters:
    ///   - m: rows of `op(a)` and `c`; `n`: columns of `op(b)` and `c`; `k`: the shared dimension.
    ///   - a: `(m, k)`, or `(k, m)` when `transposeA`; `b`: `(k, n)`, or `(n, k)` when `transposeB`.
    @inline(__always)
    public static func sgemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        beta: Float = 0, _ c: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(transposeA ? m : k),
                    b, Int32(transposeB ? k : n),
                    beta, c, Int32(n))
    }

    /// `y ← alpha · x + y` over `n` contiguous Float32 values (OpenBLAS threads it for large `n`).
    @inline(__always)
    public static func saxpy(_ n: Int, alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        cblas_saxpy(Int32(n), alpha, x, 1, y, 1)
    }

    /// `x ← alpha · x` over `n` contiguous Float32 values.
    @inline(__always)
    public static func sscal(_ n: Int, alpha: Float, _ x: UnsafeMutablePointer<Float>) {
        cblas_sscal(Int32(n), alpha, x, 1)
    }

    /// `Σ x_i y_i` over `n` contiguous Float32 values (Float32 accumulation, OpenBLAS order).
    public static func sdot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        cblas_sdot(Int32(n), x, 1, y, 1)
    }

    /// `c = alpha · op(a) · op(b) + beta · c` in Float64 (same layout as ``sgemm``).
    public static func dgemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double = 1, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        beta: Double = 0, _ c: UnsafeMutablePointer<Double>
    ) {
        cblas_dgemm(CblasRowMajor,
                    transposeA ? CblasTrans : CblasNoTrans,
                    transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha,
                    a, Int32(transposeA ? m : k),
                    b, Int32(transposeB ? k : n),
                    beta, c, Int32(n))
    }

    /// A LAPACK routine reported failure (`info` as LAPACK returned it).
    public struct LAPACKError: Error, CustomStringConvertible {
        public let routine: String
        public let info: Int
        public var description: String { "\(routine) failed with info = \(info)" }
    }

    /// Eigen-decomposition of a symmetric `(n, n)` matrix (row-major; only symmetry is assumed).
    ///
    /// - Returns: eigenvalues in ascending order, and, when `vectors` is true, the eigenvectors as
    ///   rows of an `(n, n)` row-major array (row `i` belongs to eigenvalue `i`).
    public static func symmetricEigen(_ matrix: [Double], n: Int, vectors: Bool = false)
        throws -> (values: [Double], vectors: [Double]?)
    {
        precondition(matrix.count == n * n, "symmetricEigen: expected \(n)×\(n) values, got \(matrix.count)")
        // Row-major symmetric == column-major symmetric; LAPACK's column-major eigenvectors
        // come back as rows in our row-major reading.
        var a = matrix
        var w = [Double](repeating: 0, count: n)
        var jobz: CChar = vectors ? 86 /* V */ : 78 /* N */
        var uplo: CChar = 85 /* U */
        var nn = Int32(n), lda = Int32(max(1, n)), info: Int32 = 0
        var lwork: Int32 = -1
        var query = 0.0
        dsyev_(&jobz, &uplo, &nn, &a, &lda, &w, &query, &lwork, &info)
        lwork = Int32(query)
        var work = [Double](repeating: 0, count: max(1, Int(lwork)))
        dsyev_(&jobz, &uplo, &nn, &a, &lda, &w, &work, &lwork, &info)
        if info != 0 { throw LAPACKError(routine: "dsyev", info: Int(info)) }
        return (w, vectors ? a : nil)
    }

    /// Solves `A X = B` for a general square `(n, n)` matrix `A` and `(n, nrhs)` right-hand sides
    /// (both row-major), by LU factorisation with partial pivoting.
    public static func solve(_ matrix: [Double], n: Int, _ rhs: [Double], nrhs: Int = 1) throws -> [Double] {
        precondition(matrix.count == n * n && rhs.count == n * nrhs, "solve: shape mismatch")
        // LAPACK is column-major: solve Aᵀ-layout by transposing explicitly.
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[j * n + i] = matrix[i * n + j] } }
        var b = [Double](repeating: 0, count: n * nrhs)
        for i in 0..<n { for j in 0..<nrhs { b[j * n + i] = rhs[i * nrhs + j] } }
        var nn = Int32(n), nr = Int32(nrhs), lda = Int32(max(1, n)), ldb = Int32(max(1, n)), info: Int32 = 0
        var pivots = [Int32](repeating: 0, count: n)
        dgesv_(&nn, &nr, &a, &lda, &pivots, &b, &ldb, &info)
        if info != 0 { throw LAPACKError(routine: "dgesv", info: Int(info)) }
        var x = [Double](repeating: 0, count: n * nrhs)
        for i in 0..<n { for j in 0..<nrhs { x[i * nrhs + j] = b[j * n + i] } }
        return x
    }
}
