/// A 2-D convolution over `(C, H, W)` inputs, lowered onto sgemm by im2col, with an optional fused
/// activation: `y[o] = f(Σ_{c,i,j} W[o, c, i, j] · x[c, s·oy − p + i, s·ox − p + j] + b[o])`.
///
/// Shapes (per example): `x (Cin, H, W)`, `col (K, Ho·Wo)` with `K = Cin·k·k`, `W (Cout, K)`,
/// `b (Cout)`, `y (Cout, Ho, Wo)`, `Ho = (H + 2p − k)/s + 1`. Parameters: `W` then `b`.
/// Each example's `col` is rebuilt in backward rather than stored, so scratch is one example's worth.
public final class Conv2D: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let activation: Activation
    public let weightInitializer: Initializer
    let cin: Int, h: Int, w: Int, cout: Int, k: Int, stride: Int, padding: Int, ho: Int, wo: Int
    var kSize: Int { cin * k * k }

    private var weight: UnsafeMutablePointer<Float>!   // (Cout, K)
    private var bias: UnsafeMutablePointer<Float>!     // (Cout)
    private var dWeight: UnsafeMutablePointer<Float>!  // (Cout, K)
    private var dBias: UnsafeMutablePointer<Float>!    // (Cout)
    private var col: FloatBuffer?                      // (K, m·Ho·Wo) one chunk of m examples
    private var gemmOut: FloatBuffer?                  // (Cout, m·Ho·Wo) one chunk, channel-major
    private let biasSums: FloatBuffer                  // (Cout)
    /// Examples per chunk: the GEMMs see `m·Ho·Wo` columns; scratch stays below ≈ 16M values (64 MB).
    private var chunk: Int { max(1, min(chunkLimit, (1 << 24) / max(1, kSize * ho * wo))) }
    /// True when `col` still holds the patches of the whole last forward batch (one chunk), so
    /// backward need not rebuild them.
    private var colHoldsBatch = false
    /// The most examples per chunk (tests lower it to exercise chunk boundaries).
    var chunkLimit = 128

    /// A convolution with `outputChannels` filters of size `kernelSize × kernelSize`.
    ///
    /// - Parameter inputShape: `[channels, height, width]` of one example.
    public init(inputShape: [Int], outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                activation: Activation = .identity, weightInitializer: Initializer = .he) throws {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }) else {
            throw TrainingCoreError("Conv2D: input shape must be [C, H, W] with positive sizes, got \(inputShape)")
        }
        guard outputChannels > 0, kernelSize > 0, stride > 0, padding >= 0 else {
            throw TrainingCoreError("Conv2D: channels, kernel size and stride must be positive, padding non-negative")
        }
        cin = inputShape[0]; h = inputShape[1]; w = inputShape[2]
        cout = outputChannels; k = kernelSize; self.stride = stride; self.padding = padding
        guard h + 2 * padding >= k, w + 2 * padding >= k else {
            throw TrainingCoreError("Conv2D: kernel \(k) larger than the padded input \(inputShape)")
        }
        ho = (h + 2 * padding - k) / stride + 1
        wo = (w + 2 * padding - k) / stride + 1
        self.inputShape = inputShape
        outputShape = [cout, ho, wo]
        self.activation = activation
        self.weightInitializer = weightInitializer
        biasSums = FloatBuffer(count: cout)
    }

    public var description: String {
        "Conv2D(\(cin)→\(cout), \(k)×\(k), stride \(stride), pad \(padding)\(activation == .identity ? "" : ", \(activation)"))"
    }
    public var parameterCount: Int { cout * kSize + cout }
    public var prunableRange: Range<Int> { 0..<(cout * kSize) }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        weight = parameters; bias = parameters + cout * kSize
        dWeight = gradients; dBias = gradients + cout * kSize
    }

    public func initialize(using rng: inout SeededGenerator) {
        weightInitializer.fill(weight, count: cout * kSize, fanIn: kSize, fanOut: cout * k * k, rng: &rng)
        bias.update(repeating: 0, count: cout)
    }

    public func reserve(batch: Int) {
        let m = min(batch, chunk)
        _ = ensure(&col, count: kSize * m * ho * wo)
        _ = ensure(&gemmOut, count: cout * m * ho * wo)
    }

    /// Writes example `x`'s patches as columns `[offset, offset + Ho·Wo)` of `col (K, stride)`:
    /// col[(c·k + i)·k + j, oy·Wo + ox] = x[c, s·oy − p + i, s·ox − p + j] (0 outside the image).
    private func im2col(_ x: UnsafePointer<Float>, into c0: UnsafeMutablePointer<Float>, rowStride: Int) {
        for c in 0..<cin {
            for i in 0..<k {
                for j in 0..<k {
                    let row = c0 + ((c * k + i) * k + j) * rowStride
                    for oy in 0..<ho {
                        let iy = oy * stride - padding + i
                        let out = row + oy * wo
                        if iy < 0 || iy >= h { for ox in 0..<wo { out[ox] = 0 }; continue }
                        let src = x + (c * h + iy) * w
                        if stride == 1 {
                            // Contiguous run of valid columns, zeros at the borders.
                            let lo = max(0, padding - j), hi = min(wo, w + padding - j)
                            for ox in 0..<min(lo, wo) { out[ox] = 0 }
                            if hi > lo { Kernels.copy(src + (lo - padding + j), to: out + lo, hi - lo) }
                            for ox in max(hi, 0)..<wo { out[ox] = 0 }
                        } else {
                            for ox in 0..<wo {
                                let ix = ox * stride - padding + j
                                out[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                            }
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of im2col: dx[c, iy, ix] += dCol[(c·k + i)·k + j, oy·Wo + ox] (dx zeroed first).
    private func col2im(_ d0: UnsafePointer<Float>, rowStride: Int, into dx: UnsafeMutablePointer<Float>) {
        dx.update(repeating: 0, count: cin * h * w)
        for c in 0..<cin {
            for i in 0..<k {
                for j in 0..<k {
                    let row = d0 + ((c * k + i) * k + j) * rowStride
                    for oy in 0..<ho {
                        let iy = oy * stride - padding + i
                        if iy < 0 || iy >= h { continue }
                        let dst = dx + (c * h + iy) * w
                        let src = row + oy * wo
                        if stride == 1 {
                            let lo = max(0, padding - j), hi = min(wo, w + padding - j)
                            if hi > lo {
                                Kernels.add(src + lo, into: dst + (lo - padding + j), hi - lo)
                            }
                        } else {
                            for ox in 0..<wo {
                                let ix = ox * stride - padding + j
                                if ix >= 0 && ix < w { dst[ix] += src[ox] }
                            }
                        }
                    }
                }
            }
        }
    }

    // Forward, per chunk of m examples: col = [im2col(x₁) … im2col(x_m)] (K, m·HoWo);
    // Z = W·col (Cout, m·HoWo) in one sgemm; y[n, o, :] = f(Z[o, n-th block] + b[o]).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        reserve(batch: batch)
        let hw = ho * wo, inSize = cin * h * w, outSize = cout * hw
        let colp = col!.pointer, z = gemmOut!.pointer
        var start = 0
        colHoldsBatch = batch <= chunk
        while start < batch {
            let m = min(chunk, batch - start), cols = m * hw
            for i in 0..<m { im2col(x + (start + i) * inSize, into: colp + i * hw, rowStride: cols) }
            BLAS.sgemm(false, false, m: cout, n: cols, k: kSize, weight, colp, z)                // (Cout, m·HoWo)
            for i in 0..<m {
                let yn = y + (start + i) * outSize
                for o in 0..<cout {
                    let src = z + o * cols + i * hw, row = yn + o * hw, b = bias[o]
                    if activation == .relu { for t in 0..<hw { row[t] = max(src[t] + b, 0) } }
                    else { for t in 0..<hw { row[t] = src[t] + b } }
                }
            }
            start += m
        }
        if activation != .relu && activation != .identity { activation.apply(y, count: batch * outSize) }
    }

    // Backward: dz = dy ⊙ f′; per chunk: D = dz as (Cout, m·HoWo); db += row sums of D;
    // dW (+)= D·colᵀ (one sgemm); dCol = Wᵀ·D (one sgemm); dx_n = col2im(dCol's n-th block).
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        reserve(batch: batch)
        let hw = ho * wo, inSize = cin * h * w, outSize = cout * hw
        activation.multiplyDerivative(dy, output: y, into: dy, count: batch * outSize)    // dz (B, Cout, HoWo)
        let colp = col!.pointer, d = gemmOut!.pointer
        let sums = biasSums.pointer
        sums.update(repeating: 0, count: cout)
        var start = 0
        while start < batch {
            let m = min(chunk, batch - start), cols = m * hw
            for i in 0..<m {
                let dzn = dy + (start + i) * outSize
                for o in 0..<cout {
                    let src = dzn + o * hw
                    (d + o * cols + i * hw).update(from: src, count: hw)
                    sums[o] += Kernels.sum(src, hw)
                }
                if !colHoldsBatch { im2col(x + (start + i) * inSize, into: colp + i * hw, rowStride: cols) }
            }
            BLAS.sgemm(false, true, m: cout, n: kSize, k: cols, alpha: blend.scale, d, colp,
                       beta: start == 0 ? blend.keep : 1, dWeight)                                // (Cout, K)
            if let dx {
                // dCol reuses the col buffer (its patches are no longer needed).
                colHoldsBatch = false
                BLAS.sgemm(true, false, m: kSize, n: cols, k: cout, weight, d, colp)             // (K, m·HoWo)
                for i in 0..<m { col2im(colp + i * hw, rowStride: cols, into: dx + (start + i) * inSize) }
            }
            start += m
        }
        for o in 0..<cout {
            dBias[o] = (blend.keep == 0 ? 0 : blend.keep * dBias[o]) + blend.scale * sums[o]
        }
    }
}
