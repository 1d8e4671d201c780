/// The element-wise passes around a dense layer's matrix products, with explicit SIMD (the
/// compiler cannot prove that the pointer arguments do not alias, so it would not vectorize them).
///
/// Each works on a part of a `(B, n)` batch so that `WorkerTeam` can split it: the forward pass by
/// rows, the backward pass by columns, so that every bias-gradient sum still adds its rows one at a
/// time in order. Every element goes through the same floating-point operations as the plain loop
/// written in each summary, so results are bit-identical to it (and to any split of it).
extension Kernels {
    /// `y[r, j] ← f(y[r, j] + b[j])` for the rows `rows` of `y (B, n)`, with `b (n)`.
    ///
    /// ReLU is `max(z, 0)` as the standard library defines it (`0 >= z ? 0 : z`, so NaN stays NaN).
    static func addBiasAndActivate(_ y: UnsafeMutablePointer<Float>, bias b: UnsafePointer<Float>,
                                   rows: Range<Int>, columns n: Int, activation: Activation) {
        switch activation {
        case .identity:
            for r in rows { addBias(y + r * n, b, n) { $0 } scalar: { $0 } }
        case .relu:
            for r in rows {
                addBias(y + r * n, b, n) { $0.replacing(with: 0, where: $0 .<= 0) } scalar: { max($0, 0) }
            }
        case .tanh, .sigmoid:
            for r in rows {
                addBias(y + r * n, b, n) { $0 } scalar: { $0 }
                activation.apply(y + r * n, count: n)
            }
        }
    }

    /// `row[j] ← f(row[j] + b[j])` over `n` values, 64 then 16 lanes at a time, then one by one.
    @inline(__always)
    private static func addBias(_ row: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int,
                                _ f: (SIMD16<Float>) -> SIMD16<Float>, scalar g: (Float) -> Float) {
        let out = UnsafeMutableRawPointer(row), bias = UnsafeRawPointer(b)
        var j = 0
        while j + 16 <= n {
            let v = out.loadUnaligned(fromByteOffset: 4 * j, as: SIMD16<Float>.self)
                + bias.loadUnaligned(fromByteOffset: 4 * j, as: SIMD16<Float>.self)
            out.storeBytes(of: f(v), toByteOffset: 4 * j, as: SIMD16<Float>.self)
            j += 16
        }
        while j < n { row[j] = g(row[j] + b[j]); j += 1 }
    }

    /// For the columns `columns` of a `(B, n)` batch: `dz ← dy ⊙ f′` in place (with `f′` written
    /// through the output `y`, see `Activation`), and the bias gradient
    /// `g[j] ← keep · g[j] + scale · dz[0, j] + scale · dz[1, j] + …` (rows added in order;
    /// `keep = 0` ignores what `g` held, `keep = 1` leaves it unscaled).
    static func activationDerivativeAndBiasGradient(
        _ dy: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, rows: Int, columns n: Int,
        range columns: Range<Int>, activation: Activation,
        into g: UnsafeMutablePointer<Float>, scale: Float, keep: Float
    ) {
        switch activation {
        case .identity:
            columnSums(dy, y, rows, n, columns, g, scale, keep, store: false) { d, _ in d } scalar: { d, _ in d }
        case .relu:
            columnSums(dy, y, rows, n, columns, g, scale, keep, store: true) { d, y in
                d.replacing(with: 0, where: .!(y .> 0))
            } scalar: { d, y in y > 0 ? d : 0 }
        case .tanh:
            columnSums(dy, y, rows, n, columns, g, scale, keep, store: true) { d, y in
                d * (1 - y * y)
            } scalar: { d, y in d * (1 - y * y) }
        case .sigmoid:
            columnSums(dy, y, rows, n, columns, g, scale, keep, store: true) { d, y in
                d * y * (1 - y)
            } scalar: { d, y in d * y * (1 - y) }
        }
    }

    /// Column blocks of 16: the block's bias gradient stays in a register while the rows go by.
    @inline(__always)
    private static func columnSums(
        _ dy: UnsafeMutablePointer<Float>, _ y: UnsafePointer<Float>, _ rows: Int, _ n: Int,
        _ columns: Range<Int>, _ g: UnsafeMutablePointer<Float>, _ scale: Float, _ keep: Float, store: Bool,
        _ f: (SIMD16<Float>, SIMD16<Float>) -> SIMD16<Float>, scalar h: (Float, Float) -> Float
    ) {
        let d = UnsafeMutableRawPointer(dy), out = UnsafeRawPointer(y), sums = UnsafeMutableRawPointer(g)
        var j = columns.lowerBound
        // Four blocks at once, so four independent addition chains hide the adder's latency.
        while j + 64 <= columns.upperBound {
            var a0 = start(sums, j, keep), a1 = start(sums, j + 16, keep)
            var a2 = start(sums, j + 32, keep), a3 = start(sums, j + 48, keep)
            for r in 0..<rows {
                let o = 4 * (r * n + j)
                let z0 = f(d.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self),
                           out.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self))
                let z1 = f(d.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self),
                           out.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self))
                let z2 = f(d.loadUnaligned(fromByteOffset: o + 128, as: SIMD16<Float>.self),
                           out.loadUnaligned(fromByteOffset: o + 128, as: SIMD16<Float>.self))
                let z3 = f(d.loadUnaligned(fromByteOffset: o + 192, as: SIMD16<Float>.self),
                           out.loadUnaligned(fromByteOffset: o + 192, as: SIMD16<Float>.self))
                if store {
                    d.storeBytes(of: z0, toByteOffset: o, as: SIMD16<Float>.self)
                    d.storeBytes(of: z1, toByteOffset: o + 64, as: SIMD16<Float>.self)
                    d.storeBytes(of: z2, toByteOffset: o + 128, as: SIMD16<Float>.self)
                    d.storeBytes(of: z3, toByteOffset: o + 192, as: SIMD16<Float>.self)
                }
                a0 += scale * z0; a1 += scale * z1; a2 += scale * z2; a3 += scale * z3
            }
            sums.storeBytes(of: a0, toByteOffset: 4 * j, as: SIMD16<Float>.self)
            sums.storeBytes(of: a1, toByteOffset: 4 * (j + 16), as: SIMD16<Float>.self)
            sums.storeBytes(of: a2, toByteOffset: 4 * (j + 32), as: SIMD16<Float>.self)
            sums.storeBytes(of: a3, toByteOffset: 4 * (j + 48), as: SIMD16<Float>.self)
            j += 64
        }
        while j + 16 <= columns.upperBound {
            var a = start(sums, j, keep)
            for r in 0..<rows {
                let o = 4 * (r * n + j)
                let z = f(d.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self),
                          out.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self))
                if store { d.storeBytes(of: z, toByteOffset: o, as: SIMD16<Float>.self) }
                a += scale * z
            }
            sums.storeBytes(of: a, toByteOffset: 4 * j, as: SIMD16<Float>.self)
            j += 16
        }
        while j < columns.upperBound {
            var a: Float = keep == 0 ? 0 : (keep == 1 ? g[j] : g[j] * keep)
            for r in 0..<rows {
                let z = h(dy[r * n + j], y[r * n + j])
                if store { dy[r * n + j] = z }
                a += scale * z
            }
            g[j] = a
            j += 1
        }
    }

    /// The starting value of 16 bias-gradient sums: `0`, `g`, or `keep · g`.
    @inline(__always)
    private static func start(_ sums: UnsafeMutableRawPointer, _ j: Int, _ keep: Float) -> SIMD16<Float> {
        if keep == 0 { return SIMD16<Float>() }
        let v = sums.loadUnaligned(fromByteOffset: 4 * j, as: SIMD16<Float>.self)
        return keep == 1 ? v : v * keep
    }
}
