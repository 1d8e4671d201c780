/// Max pooling over `k × k` windows with stride `s` (no padding): `(C, H, W) → (C, Ho, Wo)`,
/// `Ho = (H − k)/s + 1`. Backward routes each output's gradient to its window's arg-max.
public final class MaxPool2D: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    let c: Int, h: Int, w: Int, k: Int, stride: Int, ho: Int, wo: Int
    private var argmax: UnsafeMutablePointer<Int32>?   // (B, C, Ho, Wo) flat input index within the example
    private var capacity = 0

    /// Max pooling with a square window.
    public init(inputShape: [Int], kernelSize: Int, stride: Int? = nil) throws {
        guard inputShape.count == 3, inputShape.allSatisfy({ $0 > 0 }), kernelSize > 0 else {
            throw TrainingCoreError("MaxPool2D: input must be [C, H, W] and the kernel positive, got \(inputShape)")
        }
        c = inputShape[0]; h = inputShape[1]; w = inputShape[2]; k = kernelSize; self.stride = stride ?? kernelSize
        guard self.stride > 0, h >= k, w >= k else { throw TrainingCoreError("MaxPool2D: window larger than input \(inputShape)") }
        ho = (h - k) / self.stride + 1; wo = (w - k) / self.stride + 1
        self.inputShape = inputShape
        outputShape = [c, ho, wo]
    }

    deinit { argmax?.deallocate() }

    public var description: String { "MaxPool2D(\(k)×\(k), stride \(stride))" }

    public func reserve(batch: Int) {
        guard batch > capacity else { return }
        argmax?.deallocate()
        argmax = .allocate(capacity: batch * c * ho * wo)
        argmax!.initialize(repeating: 0, count: batch * c * ho * wo)
        capacity = batch
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        reserve(batch: batch)
        WorkerTeam.split(batch, minimumPerThread: max(1, MaxPool2D.valuesPerThread / (c * h * w)), alignment: 1,
                         Pass(layer: self, x: x, y: y, dy: nil, dx: nil))
    }

    // dx[argmax(o)] += dy[o]
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard let dx else { return }
        WorkerTeam.split(batch, minimumPerThread: max(1, MaxPool2D.valuesPerThread / (c * h * w)), alignment: 1,
                         Pass(layer: self, x: x, y: y, dy: dy, dx: dx))
    }

    /// The least number of input values worth a thread of their own.
    static let valuesPerThread = 16_384

    /// The forward (`dx` nil) or backward pass over a range of examples.
    private struct Pass: ChunkWork {
        let layer: MaxPool2D, x: UnsafePointer<Float>, y: UnsafePointer<Float>
        let dy: UnsafePointer<Float>?, dx: UnsafeMutablePointer<Float>?
        func run(_ examples: Range<Int>) {
            if let dy, let dx { layer.backward(examples, dy: dy, dx: dx) } else { layer.forward(examples, x, UnsafeMutablePointer(mutating: y)) }
        }
    }

    private func forward(_ examples: Range<Int>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>) {
        let arg = argmax!
        if k == 2 && stride == 2 { forward2x2(examples, x, y, arg: arg); return }
        var o = examples.lowerBound * c * ho * wo
        for n in examples {
            for ch in 0..<c {
                let plane = (n * c + ch) * h * w
                for oy in 0..<ho {
                    for ox in 0..<wo {
                        var best = plane + oy * stride * w + ox * stride
                        for i in 0..<k {
                            let rowStart = plane + (oy * stride + i) * w + ox * stride
                            for j in 0..<k where x[rowStart + j] > x[best] { best = rowStart + j }
                        }
                        y[o] = x[best]
                        arg[o] = Int32(best - n * c * h * w)
                        o += 1
                    }
                }
            }
        }
    }

    /// The common 2×2, stride-2 case without inner loops (same tie rule: first maximum wins).
    private func forward2x2(_ examples: Range<Int>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                            arg: UnsafeMutablePointer<Int32>) {
        var o = examples.lowerBound * c * ho * wo
        for plane in (examples.lowerBound * c)..<(examples.upperBound * c) {
            let base = plane * h * w, local = (plane % c) * h * w
            for oy in 0..<ho {
                let r0 = base + 2 * oy * w, r1 = r0 + w
                for ox in 0..<wo {
                    let a = r0 + 2 * ox
                    var best = a, v = x[a]
                    if x[a + 1] > v { best = a + 1; v = x[a + 1] }
                    if x[r1 + 2 * ox] > v { best = r1 + 2 * ox; v = x[best] }
                    if x[r1 + 2 * ox + 1] > v { best = r1 + 2 * ox + 1; v = x[best] }
                    y[o] = v
                    arg[o] = Int32(best - base + local)
                    o += 1
                }
            }
        }
    }

    private func backward(_ examples: Range<Int>, dy: UnsafePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        let inSize = c * h * w, outSize = c * ho * wo
        let arg = argmax!
        for n in examples {
            let dxn = dx + n * inSize
            dxn.update(repeating: 0, count: inSize)
            for t in 0..<outSize { dxn[Int(arg[n * outSize + t])] += dy[n * outSize + t] }
        }
    }
}
