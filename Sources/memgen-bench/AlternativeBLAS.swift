import Foundation

/// A CBLAS library other than the linked OpenBLAS, loaded at run time (`memgen-bench --blas PATH`)
/// so the sgemm-only bound can be measured with it on the same shapes, e.g. Debian's BLIS
/// (`/usr/lib/x86_64-linux-gnu/blis-pthread/libblis.so.4`).
///
/// The library is opened with `RTLD_DEEPBIND`, so its internal calls bind to its own symbols and
/// not to OpenBLAS's (both export `sgemm_`). Only `cblas_sgemm` and a thread-count setter are used.
final class AlternativeBLAS {
    private typealias CblasSgemm = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    private typealias SetThreads32 = @convention(c) (Int32) -> Void
    private typealias SetThreads64 = @convention(c) (Int64) -> Void
    private typealias ArchQuery = @convention(c) () -> Int32
    private typealias ArchName = @convention(c) (Int32) -> UnsafePointer<CChar>?

    /// The path given.
    let path: String
    /// The kernel family the library chose, when it can say (BLIS: `bli_arch_string`; OpenBLAS: core name).
    let kernels: String
    private let handle: UnsafeMutableRawPointer
    private let cblasSgemm: CblasSgemm
    private let setThreads: (Int) -> Void

    struct LoadError: Error, CustomStringConvertible {
        let description: String
    }

    /// Opens `path` and finds `cblas_sgemm` and `bli_thread_set_num_threads` or `openblas_set_num_threads`.
    init(path: String) throws {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND) else {
            throw LoadError(description: "memgen-bench: cannot open \(path): \(String(cString: dlerror()))")
        }
        guard let sgemm = dlsym(handle, "cblas_sgemm") else {
            dlclose(handle)
            throw LoadError(description: "memgen-bench: \(path) has no cblas_sgemm")
        }
        self.path = path
        self.handle = handle
        cblasSgemm = unsafeBitCast(sgemm, to: CblasSgemm.self)
        if let set = dlsym(handle, "bli_thread_set_num_threads") {
            let f = unsafeBitCast(set, to: SetThreads64.self)   // BLIS: dim_t is 64-bit
            setThreads = { f(Int64($0)) }
        } else if let set = dlsym(handle, "openblas_set_num_threads") {
            let f = unsafeBitCast(set, to: SetThreads32.self)
            setThreads = { f(Int32($0)) }
        } else {
            throw LoadError(description: "memgen-bench: \(path) has no known thread-count setter")
        }
        if let query = dlsym(handle, "bli_arch_query_id"), let name = dlsym(handle, "bli_arch_string"),
           let s = unsafeBitCast(name, to: ArchName.self)(unsafeBitCast(query, to: ArchQuery.self)()) {
            kernels = "BLIS " + String(cString: s)
        } else if let core = dlsym(handle, "openblas_get_corename"),
                  let s = unsafeBitCast(core, to: (@convention(c) () -> UnsafePointer<CChar>?).self)() {
            kernels = "OpenBLAS " + String(cString: s)
        } else {
            kernels = "unknown"
        }
    }

    deinit { dlclose(handle) }

    /// Sets the library's thread count.
    func set(threads: Int) { setThreads(threads) }

    /// The library's sgemm with the calling convention of `SgemmOnlyStep` (row-major, beta 0).
    var sgemm: Sgemm {
        let f = cblasSgemm
        return { ta, tb, m, n, k, a, b, c in
            f(101 /* RowMajor */, ta ? 112 : 111 /* Trans : NoTrans */, tb ? 112 : 111,
              Int32(m), Int32(n), Int32(k), 1, a, Int32(ta ? m : k), b, Int32(tb ? k : n), 0, c, Int32(n))
        }
    }
}
