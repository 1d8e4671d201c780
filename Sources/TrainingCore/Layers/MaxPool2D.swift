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
        forward(x, y, outputStride: outputSize, batch: batch, training: training)
    }

    // dx[argmax(o)] += dy[o]
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        backward(x: x, y: y, dy: dy, outputStride: outputSize, dx: dx, batch: batch, blend: blend)
    }

    /// The least number of input values worth a thread of their own.
    static let valuesPerThread = 16_384

    /// The forward (`dx` nil) or backward pass over a range of examples; example `n`'s output row
    /// starts at `n · outputStride`.
    private struct Pass: ChunkWork {
        let layer: MaxPool2D, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, outputStride: Int
        let dy: UnsafePointer<Float>?, dx: UnsafeMutablePointer<Float>?
        func run(_ examples: Range<Int>) {
            if let dy, let dx { layer.backward(examples, dy: dy, outputStride: outputStride, dx: dx) }
            else { layer.forward(examples, x, y, outputStride: outputStride) }
        }
    }

    private func forward(_ examples: Range<Int>, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, outputStride: Int) {
        let arg = argmax!
        let inSize = c * h * w, outSize = c * ho * wo, k = k, w = w
        for n in examples {
            let xn = x + n * inSize, yn = y + n * outputStride, an = arg + n * outSize
            // Each window's first maximum in row order (a later equal value does not replace it).
            switch (k, stride) {
            case (2, 2):
                forEachWindow(yn, an) { a in
                    var best = a, v = xn[a]
                    @inline(__always) func visit(_ i: Int) { let u = xn[i]; if u > v { best = i; v = u } }
                    visit(a + 1); visit(a + w); visit(a + w + 1)
                    return (best, v)
                }
            case (3, _):   // the Inception's downsampling pool, unrolled
                forEachWindow(yn, an) { a in
                    var best = a, v = xn[a]
                    @inline(__always) func visit(_ i: Int) { let u = xn[i]; if u > v { best = i; v = u } }
                    visit(a + 1); visit(a + 2)
                    visit(a + w); visit(a + w + 1); visit(a + w + 2)
                    visit(a + 2 * w); visit(a + 2 * w + 1); visit(a + 2 * w + 2)
                    return (best, v)
                }
            default:
                forEachWindow(yn, an) { a in
                    var best = a
                    for i in 0..<k { for j in 0..<k where xn[a + i * w + j] > xn[best] { best = a + i * w + j } }
                    return (best, xn[best])
                }
            }
        }
    }

    /// Visits one example's windows in output order: `window` gets the flat index of a window's
    /// top-left input and returns the index and value of its maximum, stored in `arg` and `y`.
    @inline(__always)
    private func forEachWindow(_ y: UnsafeMutablePointer<Float>, _ arg: UnsafeMutablePointer<Int32>,
                               _ window: (Int) -> (index: Int, value: Float)) {
        var o = 0
        for ch in 0..<c {
            for oy in 0..<ho {
                let row = ch * h * w + oy * stride * w
                for ox in 0..<wo {
                    let (index, value) = window(row + ox * stride)
                    y[o] = value
                    arg[o] = Int32(index)
                    o += 1
                }
            }
        }
    }

    private func backward(_ examples: Range<Int>, dy: UnsafePointer<Float>, outputStride: Int, dx: UnsafeMutablePointer<Float>) {
        let inSize = c * h * w, outSize = c * ho * wo
        let arg = argmax!
        for n in examples {
            let dxn = dx + n * inSize, dyn = dy + n * outputStride, an = arg + n * outSize
            dxn.update(repeating: 0, count: inSize)
            for t in 0..<outSize { dxn[Int(an[t])] += dyn[t] }
        }
    }
}

extension MaxPool2D: ConcatenationSlotWriter {
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, outputStride: Int, batch: Int, training: Bool) {
        reserve(batch: batch)
        WorkerTeam.split(batch, minimumPerThread: max(1, MaxPool2D.valuesPerThread / (c * h * w)), alignment: 1,
                         Pass(layer: self, x: x, y: y, outputStride: outputStride, dy: nil, dx: nil))
    }

    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>, outputStride: Int,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        guard let dx else { return }
        WorkerTeam.split(batch, minimumPerThread: max(1, MaxPool2D.valuesPerThread / (c * h * w)), alignment: 1,
                         Pass(layer: self, x: x, y: UnsafeMutablePointer(mutating: y), outputStride: outputStride, dy: dy, dx: dx))
    }
}
