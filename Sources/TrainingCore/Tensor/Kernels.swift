/// Small vector loops the compiler will not vectorize on its own (Float sums need a fixed
/// reassociation; pointer arguments may alias). Eight-lane SIMD, fixed order, so results are
/// deterministic.
enum Kernels {
    /// `Σ x[0..<n]`, accumulated in eight lanes then combined in a fixed order.
    @inline(__always)
    static func sum(_ x: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let raw = UnsafeRawPointer(x)
        while i + 8 <= n {
            acc += raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var s = acc.sum()
        while i < n { s += x[i]; i += 1 }
        return s
    }

    /// `Σ (x_i − m)²`, in eight lanes combined in a fixed order.
    @inline(__always)
    static func squaredDeviation(_ x: UnsafePointer<Float>, _ n: Int, from m: Float) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let raw = UnsafeRawPointer(x), centre = SIMD8<Float>(repeating: m)
        while i + 8 <= n {
            let d = raw.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - centre
            acc += d * d
            i += 8
        }
        var s = acc.sum()
        while i < n { let d = x[i] - m; s += d * d; i += 1 }
        return s
    }

    /// `Σ d_i (x_i − m)`, in eight lanes combined in a fixed order.
    @inline(__always)
    static func centredDot(_ d: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int, centre m: Float) -> Float {
        var acc = SIMD8<Float>()
        var i = 0
        let rd = UnsafeRawPointer(d), rx = UnsafeRawPointer(x), centre = SIMD8<Float>(repeating: m)
        while i + 8 <= n {
            acc += rd.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * (rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) - centre)
            i += 8
        }
        var s = acc.sum()
        while i < n { s += d[i] * (x[i] - m); i += 1 }
        return s
    }

    /// `Σ x_i y_i` in Float64, in a fixed order (BLAS dot products may split the sum across threads,
    /// which would make results depend on the thread count).
    static func dot(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, _ n: Int) -> Double {
        var acc = SIMD4<Double>()
        var i = 0
        while i + 4 <= n {
            acc += SIMD4<Double>(Double(x[i]), Double(x[i + 1]), Double(x[i + 2]), Double(x[i + 3]))
                * SIMD4<Double>(Double(y[i]), Double(y[i + 1]), Double(y[i + 2]), Double(y[i + 3]))
            i += 4
        }
        var s = acc.sum()
        while i < n { s += Double(x[i]) * Double(y[i]); i += 1 }
        return s
    }

    /// `dst[0..<n] = src[0..<n]` for short runs, inline (a `memmove` call costs more than the copy
    /// for the 7–32-value rows of im2col).
    @inline(__always)
    static func copy(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        while i + 8 <= n {
            d.storeBytes(of: s.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self), toByteOffset: i * 4,
                         as: SIMD8<Float>.self)
            i += 8
        }
        while i < n { dst[i] = src[i]; i += 1 }
    }

    /// `dst[0..<n] += src[0..<n]` (the ranges must not overlap).
    @inline(__always)
    static func add(_ src: UnsafePointer<Float>, into dst: UnsafeMutablePointer<Float>, _ n: Int) {
        var i = 0
        let s = UnsafeRawPointer(src), d = UnsafeMutableRawPointer(dst)
        while i + 8 <= n {
            let v = d.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                + s.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            d.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n { dst[i] += src[i]; i += 1 }
    }
}
