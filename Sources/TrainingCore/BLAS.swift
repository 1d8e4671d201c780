import COpenBLAS
import Synchronization

/// The one file that calls OpenBLAS: matrix products (Float32 and Float64) and the few LAPACK
/// routines the course needs. Matrices are row-major and dense.
///
/// OpenBLAS itself always runs single-threaded. With ``threads`` ≥ 2, a large matrix product is
/// cut into blocks of output columns or rows, one per thread, and each block is an ordinary
/// single-threaded OpenBLAS call on the same `WorkerTeam` that splits the training step's
/// element-wise passes. So a step has one set of threads, as many as there are cores, instead of
/// OpenBLAS's workers and ours competing for them. Where the blocks start matters for the last
/// bit: OpenBLAS's kernels work on tiles, and a block boundary that cuts a tile differently can
/// change how an element's sum is rounded. `SplitLayout` finds, once per process, a layout that
/// this machine's kernels compute bit for bit like the whole product, so results do not depend
/// on the thread count.
public enum BLAS {
    /// The OpenBLAS kernel family in use (for example `Haswell` or `SkylakeX`).
    public static var coreName: String { String(cString: openblas_get_corename()) }

    /// The OpenBLAS build configuration string (version and options).
    public static var configuration: String { String(cString: openblas_get_config()) }

    /// The number of threads a matrix product or an element-wise pass of a training step is split
    /// across. It starts at OpenBLAS's own default (the number of cores, or `OPENBLAS_NUM_THREADS`).
    public static var threads: Int {
        get { teamThreads.load(ordering: .relaxed) }
        set { teamThreads.store(max(1, newValue), ordering: .relaxed) }
    }

    /// The team size, read once from OpenBLAS, which is then told to use one thread per call.
    private static let teamThreads: Atomic<Int> = {
        let defaultThreads = Int(openblas_get_num_threads())
        openblas_set_num_threads(1)
        return Atomic(max(1, defaultThreads))
    }()

    /// Runs `body` with OpenBLAS's own threading at `count` threads and no splitting of ours
    /// (both restored after), for measuring OpenBLAS's threaded products (the benchmark's bound);
    /// nothing else may call BLAS meanwhile.
    public static func withOpenBLASThreads<T>(_ count: Int, _ body: () throws -> T) rethrows -> T {
        let team = threads
        threads = 1              // products go to OpenBLAS whole, threaded by OpenBLAS alone
        openblas_set_num_threads(Int32(max(1, count)))
        defer {
            openblas_set_num_threads(1)
            threads = team
        }
        return try body()
    }

    /// Makes sure OpenBLAS has been told to run single-threaded before a direct call.
    @inline(__always)
    private static func singleThreaded() { _ = threads }

    /// The least `m·n·k` of each thread's block. Below it the hand-over costs more than a second
    /// core saves; and on some CPUs OpenBLAS sends products of up to 10⁶ multiply-adds to separate
    /// small-matrix kernels, which round differently, so no block may be that small when the
    /// whole product is not.
    static let blockWork = 1 << 21

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
        let product = GEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                           a: a, b: b, beta: beta, c: c, call: cblas_sgemm)
        if threads > 1 && m * n * k >= threads * blockWork { product.split(floatLayout) } else { product.whole() }
    }

    /// `c = alpha · op(a) · op(b) + beta · c` as one single-threaded OpenBLAS call, never split:
    /// for work that is already split across the team (a convolution's groups of examples).
    @inline(__always)
    public static func sgemmSerial(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
        beta: Float = 0, _ c: UnsafeMutablePointer<Float>
    ) {
        singleThreaded()
        GEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
             a: a, b: b, beta: beta, c: c, call: cblas_sgemm).whole()
    }

    /// `y ← alpha · x + y` over `n` contiguous Float32 values (split across `threads` for large `n`).
    @inline(__always)
    public static func saxpy(_ n: Int, alpha: Float, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        WorkerTeam.split(n, minimumPerThread: elementsPerThread, alignment: vectorBlock, Axpy(alpha: alpha, x: x, y: y))
    }

    /// `x ← alpha · x` over `n` contiguous Float32 values (split like `saxpy`).
    @inline(__always)
    public static func sscal(_ n: Int, alpha: Float, _ x: UnsafeMutablePointer<Float>) {
        WorkerTeam.split(n, minimumPerThread: elementsPerThread, alignment: vectorBlock, Scale(alpha: alpha, x: x))
    }

    /// The least number of values worth a thread of their own in `saxpy`, `sscal` and other
    /// element-wise passes over a model's parameters.
    static let elementsPerThread = 32_768

    /// Where `saxpy` and `sscal` pieces start: OpenBLAS's vector kernels handle the last few
    /// values of a call (and a misaligned start) with other instructions, which may round
    /// differently (no fused multiply-add), so pieces start only where the whole call's vector loop
    /// would be anyway, at a multiple of 1024 values from a 64-byte-aligned start.
    static let vectorBlock = 1024

    /// `saxpy` over a range of indices (OpenBLAS's kernel on each piece, element by element).
    private struct Axpy: ChunkWork {
        let alpha: Float, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>
        func run(_ r: Range<Int>) { cblas_saxpy(Int32(r.count), alpha, x + r.lowerBound, 1, y + r.lowerBound, 1) }
    }

    /// `sscal` over a range of indices.
    private struct Scale: ChunkWork {
        let alpha: Float, x: UnsafeMutablePointer<Float>
        func run(_ r: Range<Int>) { cblas_sscal(Int32(r.count), alpha, x + r.lowerBound, 1) }
    }

    /// `Σ x_i y_i` over `n` contiguous Float32 values (Float32 accumulation, OpenBLAS order).
    public static func sdot(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>) -> Float {
        singleThreaded()
        return cblas_sdot(Int32(n), x, 1, y, 1)
    }

    /// `c = alpha · op(a) · op(b) + beta · c` in Float64 (same layout as ``sgemm``).
    public static func dgemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double = 1, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        beta: Double = 0, _ c: UnsafeMutablePointer<Double>
    ) {
        let product = GEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: alpha,
                           a: a, b: b, beta: beta, c: c, call: cblas_dgemm)
        if threads > 1 && m * n * k >= threads * blockWork { product.split(doubleLayout) } else { product.whole() }
    }

    /// How products are cut across threads on this machine, e.g. `column blocks at multiples of 16`.
    public static var splitDescription: String {
        switch floatLayout {
        case .columns(let a): return "column blocks at multiples of \(a)"
        case .rows(let a): return "row blocks at multiples of \(a)"
        case .whole: return "not split (no layout reproduces the whole product)"
        }
    }

    /// How Float32 and Float64 products are split on this machine (found on first use).
    private static let floatLayout = SplitLayout.find(for: Float.self, cblas_sgemm)
    private static let doubleLayout = SplitLayout.find(for: Double.self, cblas_dgemm)

    /// Which side of a product's output is cut into per-thread blocks, and at what multiple.
    enum SplitLayout: Equatable {
        case columns(Int), rows(Int), whole

        /// The first layout, in order of preference (columns balance a 128-row batch best), under
        /// which OpenBLAS computes the shapes of a training step bit for bit like the whole
        /// products; `.whole` (no splitting) when none does.
        static func find<Scalar: BinaryFloatingPoint>(for _: Scalar.Type, _ call: @escaping GEMM<Scalar>.Call) -> SplitLayout {
            _ = threads
            let candidates: [SplitLayout] = [.columns(16), .rows(8), .rows(12), .rows(24), .rows(48)]
            // (transposeA, transposeB, m, n, k): an MLP step's forward, weight-gradient and input-gradient products.
            let shapes = [(false, true, 128, 512, 784), (true, false, 512, 784, 128), (false, false, 128, 784, 512)]
            return candidates.first { layout in
                shapes.allSatisfy { ta, tb, m, n, k in
                    GEMM<Scalar>.agrees(layout, transposeA: ta, transposeB: tb, m: m, n: n, k: k, call: call)
                }
            } ?? .whole
        }
    }

    /// A row-major product `c = alpha · op(a) · op(b) + beta · c` and the CBLAS routine that
    /// computes it, whole or one block of `c` at a time.
    struct GEMM<Scalar>: ChunkWork {
        typealias Call = (CBLAS_ORDER, CBLAS_TRANSPOSE, CBLAS_TRANSPOSE, Int32, Int32, Int32, Scalar,
                          UnsafePointer<Scalar>?, Int32, UnsafePointer<Scalar>?, Int32, Scalar,
                          UnsafeMutablePointer<Scalar>?, Int32) -> Void
        let transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Scalar
        let a: UnsafePointer<Scalar>, b: UnsafePointer<Scalar>, beta: Scalar, c: UnsafeMutablePointer<Scalar>
        let call: Call

        /// The side that is cut, the number of blocks and their alignment (set by `cut`).
        fileprivate var byColumns = true, parts = 1, alignment = 1

        /// This product cut the way `layout` says into at most `parts` blocks (fewer when the
        /// side is too short for that many aligned blocks); nil for `.whole`.
        private func cut(_ layout: SplitLayout, into parts: Int) -> GEMM? {
            var product = self
            switch layout {
            case .columns(let a): (product.byColumns, product.alignment) = (true, a)
            case .rows(let a): (product.byColumns, product.alignment) = (false, a)
            case .whole: return nil
            }
            product.parts = min(parts, product.side / product.alignment)
            return product
        }

        /// Computes `c` in one block per thread along the side `layout` cuts; whole when that side
        /// is too short to give each thread an aligned block, or either side is under 64 (OpenBLAS
        /// switches to other kernels for thin products, and a block could land on the other side
        /// of that switch than the whole product).
        func split(_ layout: SplitLayout) {
            guard min(m, n) >= 64, let product = cut(layout, into: threads), product.parts > 1 else { return whole() }
            WorkerTeam.split(product.parts, minimumPerThread: 1, alignment: 1, chunksPerThread: 1, product)
        }

        func whole() { block(rows: 0..<m, columns: 0..<n) }

        /// The length of the side that is cut.
        private var side: Int { byColumns ? n : m }

        /// Computes blocks `parts` (indices of the `self.parts` blocks).
        func run(_ indices: Range<Int>) {
            for part in indices {
                let range = GEMM.bounds(part: part, of: parts, side: side, alignment: alignment)
                if byColumns { block(rows: 0..<m, columns: range) } else { block(rows: range, columns: 0..<n) }
            }
        }

        /// Block `part` of `parts` along a side of length `side`: boundaries at the multiples of
        /// `alignment` nearest to equal shares (a 128-row batch cut at multiples of 12 gives
        /// 60 + 68 rows, not 72 + 56).
        static func bounds(part: Int, of parts: Int, side: Int, alignment: Int) -> Range<Int> {
            func boundary(_ i: Int) -> Int {
                i >= parts ? side : min(side, (i * side + parts * alignment / 2) / (parts * alignment) * alignment)
            }
            return boundary(part)..<boundary(part + 1)
        }

        /// Whether `c ← −0.01·op(a)·op(b) + 0.9·c` for `(m, n, k)` on fixed pseudo-random values
        /// comes out bit for bit the same whole and in the two blocks `layout` cuts it into.
        static func agrees(_ layout: SplitLayout, transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
                           call: @escaping Call) -> Bool where Scalar: BinaryFloatingPoint {
            var state: UInt32 = 12_345
            func values(_ count: Int) -> [Scalar] {
                (0..<count).map { _ in
                    state = state &* 1_103_515_245 &+ 12_345
                    return Scalar(Int(state >> 9) - (1 << 22)) / Scalar(1 << 22)
                }
            }
            let a = values(m * k), b = values(k * n), c = values(m * n)
            var whole = c, split = c
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    func product(into out: UnsafeMutableBufferPointer<Scalar>) -> GEMM {
                        GEMM(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: -0.01,
                             a: a.baseAddress!, b: b.baseAddress!, beta: 0.9, c: out.baseAddress!, call: call)
                    }
                    whole.withUnsafeMutableBufferPointer { product(into: $0).whole() }
                    split.withUnsafeMutableBufferPointer { out in
                        let whole = product(into: out)
                        if let blocks = whole.cut(layout, into: 2) { blocks.run(0..<blocks.parts) } else { whole.whole() }
                    }
                }
            }
            return zip(whole, split).allSatisfy { x, y in x == y && x.sign == y.sign }
        }

        /// `c[rows, columns]`: rows of `op(a)` and columns of `op(b)`, with the full shared
        /// dimension (so each element is summed exactly as in the whole product).
        @inline(__always)
        private func block(rows: Range<Int>, columns: Range<Int>) {
            let lda = transposeA ? m : k, ldb = transposeB ? k : n
            let aStart = transposeA ? rows.lowerBound : rows.lowerBound * lda
            let bStart = transposeB ? columns.lowerBound * ldb : columns.lowerBound
            call(CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                 Int32(rows.count), Int32(columns.count), Int32(k), alpha,
                 a + aStart, Int32(lda), b + bStart, Int32(ldb),
                 beta, c + rows.lowerBound * n + columns.lowerBound, Int32(n))
        }
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
        singleThreaded()
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
        singleThreaded()
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
