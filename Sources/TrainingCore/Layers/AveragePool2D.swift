/// Average pooling over `k × k` windows with stride `s` (no padding): `(C, H, W) → (C, Ho, Wo)`.
/// With `k = H = W` it is global average pooling (see `AveragePool2D.global`).
public final class AveragePool2D: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    let c: Int, h: Int, w: Int, kh: Int, kw: Int, stride: Int, ho: Int, wo: Int

    /// Average pooling with a square window.
    public convenience init(inputShape: [Int], kernelSize: Int, stride: Int? = nil) throws {
        try self.init(inputShape: inputShape, kernelHeight: kernelSize, kernelWidth: kernelSize,
                      stride: stride ?? kernelSize, flatten: false)
    }

    /// Global average pooling: `(C, H, W) → (C)`.
    public static func global(inputShape: [Int]) throws -> AveragePool2D {
        guard inputShape.count == 3 else { throw TrainingCoreError("global pool: input must be [C, H, W], got \(inputShape)") }
        return try AveragePool2D(inputShape: inputShape, kernelHeight: inputShape[1], kernelWidth: inputShape[2],
                                 stride: 1, flatten: true)
    }

    init(inputShape: [Int], kernelHeight: Int, kernelWidth: Int, stride: Int, flatten: Bool) throws {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }), kernelHeight > 0, kernelWidth > 0, stride > 0,
              inputShape[1] >= kernelHeight, inputShape[2] >= kernelWidth else {
            throw TrainingCoreError("AveragePool2D: input must be [C, H, W] at least as large as the window, got \(inputShape)")
        }
        c = inputShape[0]; h = inputShape[1]; w = inputShape[2]; kh = kernelHeight; kw = kernelWidth; self.stride = stride
        ho = (h - kh) / stride + 1; wo = (w - kw) / stride + 1
        self.inputShape = inputShape
        outputShape = flatten ? [c * ho * wo] : [c, ho, wo]
    }

    public var description: String { outputShape.count == 1 ? "GlobalAveragePool" : "AveragePool2D(\(kh)×\(kw), stride \(stride))" }

    // y[o] = (1/(kh·kw)) Σ_window x
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        let inv = 1 / Float(kh * kw)
        var o = 0
        for plane in 0..<(batch * c) {
            let p = x + plane * h * w
            for oy in 0..<ho {
                for ox in 0..<wo {
                    var s: Float = 0
                    for i in 0..<kh { let r = p + (oy * stride + i) * w + ox * stride; for j in 0..<kw { s += r[j] } }
                    y[o] = s * inv
                    o += 1
                }
            }
        }
    }

    // dx[window(o)] += dy[o] / (kh·kw)
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard let dx else { return }
        dx.update(repeating: 0, count: batch * c * h * w)
        let inv = 1 / Float(kh * kw)
        var o = 0
        for plane in 0..<(batch * c) {
            let p = dx + plane * h * w
            for oy in 0..<ho {
                for ox in 0..<wo {
                    let g = dy[o] * inv
                    for i in 0..<kh { let r = p + (oy * stride + i) * w + ox * stride; for j in 0..<kw { r[j] += g } }
                    o += 1
                }
            }
        }
    }
}
