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

    /// `d` where `g·x + b > 0`, else 0: ReLU's derivative at the output `max(g·x + b, 0)`, recomputed
    /// from the input with the same arithmetic as that output, so the two always agree.
    @inline(__always)
    static func reluGate(_ d: Float, input x: Float, g: Float, b: Float) -> Float { g * x + b > 0 ? d : 0 }

    /// `reluGate` in eight lanes.
    @inline(__always)
    static func reluGate(_ d: SIMD8<Float>, input x: SIMD8<Float>, g: SIMD8<Float>, b: SIMD8<Float>) -> SIMD8<Float> {
        SIMD8<Float>().replacing(with: d, where: g * x + b .> 0)
    }

    /// `(Σ d_i, Σ d_i (x_i − m))` in one pass, each in eight lanes combined in a fixed order as `sum`
    /// adds. With `reluOf: (g, b)`, `d_i` counts only where `g·x_i + b > 0` (ReLU's derivative at
    /// the output `max(g·x_i + b, 0)`, recomputed from `x` rather than read; `d` is not written).
    @inline(__always)
    static func sumAndCentredDot(_ d: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int, centre m: Float,
                                 reluOf affine: (g: Float, b: Float)?) -> (sum: Float, dot: Float) {
        var acc = SIMD8<Float>(), accDot = SIMD8<Float>()
        var i = 0
        let rd = UnsafeRawPointer(d), rx = UnsafeRawPointer(x), centre = SIMD8<Float>(repeating: m)
        let g = SIMD8<Float>(repeating: affine?.g ?? 0), b = SIMD8<Float>(repeating: affine?.b ?? 0)
        while i + 8 <= n {
            var v = rd.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let xv = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            if affine != nil { v = reluGate(v, input: xv, g: g, b: b) }
            acc += v
            accDot += v * (xv - centre)
            i += 8
        }
        var s = acc.sum(), sd = accDot.sum()
        while i < n {
            let v = affine.map { reluGate(d[i], input: x[i], g: $0.g, b: $0.b) } ?? d[i]
            s += v
            sd += v * (x[i] - m)
            i += 1
        }
        return (s, sd)
    }

    /// BatchNorm's input gradient in training, `o_i = a (N·d_i − Σd − (x_i − m)·inv·Σdx̂)`, with
    /// `d_i` masked as in `sumAndCentredDot` when `reluOf` is given (written out in eight lanes: the
    /// mask's select keeps the compiler from vectorizing the plain loop).
    @inline(__always)
    static func batchNormInputGradient(_ o: UnsafeMutablePointer<Float>, _ d: UnsafePointer<Float>, _ x: UnsafePointer<Float>,
                                       _ n: Int, a: Float, count: Float, sumD: Float, centre m: Float, inv: Float,
                                       sumDxhat: Float, reluOf affine: (g: Float, b: Float)?) {
        var i = 0
        let ro = UnsafeMutableRawPointer(o), rd = UnsafeRawPointer(d), rx = UnsafeRawPointer(x)
        let av = SIMD8<Float>(repeating: a), nv = SIMD8<Float>(repeating: count), sv = SIMD8<Float>(repeating: sumD)
        let mv = SIMD8<Float>(repeating: m), iv = SIMD8<Float>(repeating: inv), hv = SIMD8<Float>(repeating: sumDxhat)
        let g = SIMD8<Float>(repeating: affine?.g ?? 0), b = SIMD8<Float>(repeating: affine?.b ?? 0)
        while i + 8 <= n {
            var v = rd.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            let xv = rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            if affine != nil { v = reluGate(v, input: xv, g: g, b: b) }
            ro.storeBytes(of: av * (nv * v - sv - (xv - mv) * iv * hv), toByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        while i < n {
            let v = affine.map { reluGate(d[i], input: x[i], g: $0.g, b: $0.b) } ?? d[i]
            o[i] = a * (count * v - sumD - (x[i] - m) * inv * sumDxhat)
            i += 1
        }
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
