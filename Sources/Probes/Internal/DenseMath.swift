import TrainingCore

// Small Float64 helpers over row-major arrays; products go through BLAS.dgemm.

/// ⟨a, b⟩.
func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

/// ‖a‖₂.
func norm2(_ a: [Double]) -> Double { dot(a, a).squareRoot() }

/// op(a) · op(b) as a new `(m, n)` row-major array.
func matmul(_ a: [Double], _ b: [Double], m: Int, n: Int, k: Int,
            transposeA: Bool = false, transposeB: Bool = false) -> [Double] {
    var c = [Double](repeating: 0, count: m * n)
    if m == 0 || n == 0 { return c }
    if k == 0 { return c }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                BLAS.dgemm(transposeA, transposeB, m: m, n: n, k: k,
                           pa.baseAddress!, pb.baseAddress!, pc.baseAddress!)
            }
        }
    }
    return c
}

/// `c += alpha · op(a) · op(b)` in place on an `(m, n)` row-major array.
func matmulAdd(_ a: [Double], _ b: [Double], into c: inout [Double], m: Int, n: Int, k: Int,
               transposeA: Bool = false, transposeB: Bool = false, alpha: Double = 1) {
    if m == 0 || n == 0 || k == 0 { return }
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                BLAS.dgemm(transposeA, transposeB, m: m, n: n, k: k, alpha: alpha,
                           pa.baseAddress!, pb.baseAddress!, beta: 1, pc.baseAddress!)
            }
        }
    }
}

/// Checks that a row-major `(rows, columns)` array has the right size, naming it in the error.
func checkShape(_ values: some Collection, rows: Int, columns: Int, _ name: String) throws {
    guard rows >= 0, columns >= 0 else {
        throw ProbeError.invalidArgument("\(name): negative shape (\(rows), \(columns))")
    }
    guard values.count == rows * columns else {
        throw ProbeError.shapeMismatch("\(name) has \(values.count) values, expected \(rows)×\(columns) = \(rows * columns)")
    }
}

/// Checks that every value is finite, naming the array in the error.
func checkFinite(_ values: [Double], _ name: String) throws {
    if let i = values.firstIndex(where: { !$0.isFinite }) {
        throw ProbeError.invalidArgument("\(name)[\(i)] is not finite (\(values[i]))")
    }
}
