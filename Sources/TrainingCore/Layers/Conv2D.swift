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
    private let col: FloatBuffer                       // (K, Ho·Wo) one example
    private let dCol: FloatBuffer                      // (K, Ho·Wo) one example
    private let biasSums: FloatBuffer                  // (Cout)

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
        col = FloatBuffer(count: cin * k * k * ho * wo)
        dCol = FloatBuffer(count: cin * k * k * ho * wo)
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

    /// col[(c·k + i)·k + j, oy·Wo + ox] = x[c, s·oy − p + i, s·ox − p + j] (0 outside the image).
    private func im2col(_ x: UnsafePointer<Float>) {
        let c0 = col.pointer
        let hw = ho * wo
        for c in 0..<cin {
            for i in 0..<k {
                for j in 0..<k {
                    let row = c0 + ((c * k + i) * k + j) * hw
                    for oy in 0..<ho {
                        let iy = oy * stride - padding + i
                        let out = row + oy * wo
                        if iy < 0 || iy >= h { out.update(repeating: 0, count: wo); continue }
                        let src = x + (c * h + iy) * w
                        for ox in 0..<wo {
                            let ix = ox * stride - padding + j
                            out[ox] = (ix >= 0 && ix < w) ? src[ix] : 0
                        }
                    }
                }
            }
        }
    }

    /// The adjoint of im2col: dx[c, iy, ix] += dCol[(c·k + i)·k + j, oy·Wo + ox].
    private func col2im(_ dx: UnsafeMutablePointer<Float>) {
        let d0 = dCol.pointer
        let hw = ho * wo
        dx.update(repeating: 0, count: cin * h * w)
        for c in 0..<cin {
            for i in 0..<k {
                for j in 0..<k {
                    let row = d0 + ((c * k + i) * k + j) * hw
                    for oy in 0..<ho {
                        let iy = oy * stride - padding + i
                        if iy < 0 || iy >= h { continue }
                        let dst = dx + (c * h + iy) * w
                        let src = row + oy * wo
                        for ox in 0..<wo {
                            let ix = ox * stride - padding + j
                            if ix >= 0 && ix < w { dst[ix] += src[ox] }
                        }
                    }
                }
            }
        }
    }

    // Forward, per example: col = im2col(x); y = W·col (sgemm); y[o, :] = f(y[o, :] + b[o]).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let hw = ho * wo, inSize = cin * h * w, outSize = cout * hw
        for n in 0..<batch {
            im2col(x + n * inSize)
            let yn = y + n * outSize
            BLAS.sgemm(false, false, m: cout, n: hw, k: kSize, weight, col.pointer, yn)   // (Cout, Ho·Wo)
            for o in 0..<cout {
                let row = yn + o * hw, b = bias[o]
                if activation == .relu { for t in 0..<hw { row[t] = max(row[t] + b, 0) } }
                else { for t in 0..<hw { row[t] += b } }
            }
            if activation != .relu && activation != .identity { activation.apply(yn, count: outSize) }
        }
    }

    // Backward, per example: dz = dy ⊙ f′; db += Σ_t dz[o, t]; dW += dz·colᵀ; dx = col2im(Wᵀ·dz).
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let hw = ho * wo, inSize = cin * h * w, outSize = cout * hw
        activation.multiplyDerivative(dy, output: y, into: dy, count: batch * outSize)    // dz (B, Cout, Ho·Wo)
        let sums = biasSums.pointer
        sums.update(repeating: 0, count: cout)
        for n in 0..<batch {
            let dz = dy + n * outSize
            for o in 0..<cout {
                let row = dz + o * hw
                var s: Float = 0
                for t in 0..<hw { s += row[t] }
                sums[o] += s
            }
            im2col(x + n * inSize)
            BLAS.sgemm(false, true, m: cout, n: kSize, k: hw, alpha: blend.scale, dz, col.pointer,
                       beta: n == 0 ? blend.keep : 1, dWeight)                                   // (Cout, K)
            if let dx {
                BLAS.sgemm(true, false, m: kSize, n: hw, k: cout, weight, dz, dCol.pointer)      // (K, Ho·Wo)
                col2im(dx + n * inSize)
            }
        }
        for o in 0..<cout {
            dBias[o] = (blend.keep == 0 ? 0 : blend.keep * dBias[o]) + blend.scale * sums[o]
        }
    }
}
