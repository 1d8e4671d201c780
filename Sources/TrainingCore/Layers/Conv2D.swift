import Synchronization

/// A 2-D convolution over `(C, H, W)` inputs, lowered onto sgemm by im2col, with an optional fused
/// activation: `y[o] = f(Σ_{c,i,j} W[o, c, i, j] · x[c, s·oy − p + i, s·ox − p + j] + b[o])`.
///
/// Shapes (per example): `x (Cin, H, W)`, `col (K, Ho·Wo)` with `K = Cin·k·k`, `W (Cout, K)`,
/// `b (Cout)`, `y (Cout, Ho, Wo)`, `Ho = (H + 2p − k)/s + 1`. Parameters: `W` then `b`.
///
/// A batch is cut into *groups* of ``groupSize`` consecutive examples, and a group into *tiles* of
/// as many examples as keep the tile's patch matrix within about half a megabyte, so that im2col,
/// the products that read it and col2im work in cache rather than on a batch-sized matrix. The
/// worker team runs whole groups, one per thread, each with its own scratch and with single-
/// threaded sgemm calls; each group accumulates its own weight-gradient partial, and the partials
/// are added in group order. The cut depends on the batch only, never on the thread count, so
/// results are identical at any number of threads.
///
/// Backends: with ``Backend/onednn`` a group's convolutions run as oneDNN's direct
/// kernels (``OneDNNConvolution``, one OpenMP thread per call), inside the same groups, partials
/// and order (the default: 1.5× faster on the course's CNNs, see `make bench`); ``Backend/im2col``
/// lowers them onto sgemm as described above. Both compute the same
/// function; their results differ in the last bits (summation order). When oneDNN refuses a shape
/// the layer falls back to im2col.
public final class Conv2D: Layer {
    /// How a group's convolutions are computed.
    public enum Backend: String, Sendable { case onednn, im2col }
    /// The backend new layers start with (the benchmark measures both).
    nonisolated(unsafe) public static var defaultBackend = Backend.onednn
    /// This layer's backend.
    public var backend = Conv2D.defaultBackend
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let activation: Activation
    public let weightInitializer: Initializer
    let cin: Int, h: Int, w: Int, cout: Int, k: Int, stride: Int, padding: Int, ho: Int, wo: Int
    var kSize: Int { cin * k * k }

    /// Examples per group: the unit of work a thread takes and of weight-gradient accumulation.
    static let groupSize = 8
    /// The most Float32 values of one tile's patch matrix (512 KiB).
    static let tileValues = 1 << 17

    private var weight: UnsafeMutablePointer<Float>!   // (Cout, K)
    private var bias: UnsafeMutablePointer<Float>!     // (Cout)
    private var dWeight: UnsafeMutablePointer<Float>!  // (Cout, K)
    private var dBias: UnsafeMutablePointer<Float>!    // (Cout)

    /// One thread's scratch: a tile's patches `(K, m·Ho·Wo)` and its products `(Cout, m·Ho·Wo)`;
    /// for oneDNN with an activation, a group's `dy ⊙ f′` in the plain layout `(group, Cout, Ho, Wo)`.
    private final class Scratch {
        let col: FloatBuffer, product: FloatBuffer, groupGradient: FloatBuffer
        init(columns: Int, kSize: Int, cout: Int, groupValues: Int) {
            col = FloatBuffer(count: kSize * columns)
            product = FloatBuffer(count: cout * columns)
            groupGradient = FloatBuffer(count: groupValues)
        }
    }
    /// oneDNN's primitives per group size (a batch has full groups and at most one remainder).
    private var dnn: [Int: OneDNNConvolution] = [:]
    /// Group sizes oneDNN refused (kept on im2col).
    private var refused: Set<Int> = []
    private var scratch: [Scratch] = []
    /// Which scratch slots are in use (bit i for slot i), claimed by a thread for one chunk of groups.
    private let slotsInUse = Atomic<Int>(0)
    /// Per-group weight-gradient partials `(groups, Cout·K)` and bias partials `(groups, Cout)`.
    private var weightPartials: FloatBuffer?, biasPartials: FloatBuffer?

    /// Examples per tile (tests lower it to exercise tile boundaries).
    var tileLimit = Conv2D.groupSize
    /// Examples per tile: as many as fit ``tileValues``, at least one, at most a group.
    var tile: Int { max(1, min(tileLimit, Conv2D.groupSize, Conv2D.tileValues / max(1, kSize * ho * wo))) }

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

    /// Scratch for as many threads as the team has (grown, never per step).
    public func reserve(batch: Int) {
        let threads = min(max(1, BLAS.threads), Int.bitWidth - 1)
        let columns = tile * ho * wo
        if let first = scratch.first, first.col.count < kSize * columns { scratch = [] }
        while scratch.count < threads {
            // Without an activation oneDNN's backward reads the group's rows of dy in place: no copy to hold.
            let groupValues = activation == .identity ? 0 : Conv2D.groupSize * cout * ho * wo
            scratch.append(Scratch(columns: columns, kSize: kSize, cout: cout, groupValues: groupValues))
        }
        guard backend == .onednn else { return }
        // The group sizes of this batch: full groups and a remainder (no collection built per step).
        let full = min(batch, Conv2D.groupSize), remainder = batch % Conv2D.groupSize
        prepareOneDNN(groupSize: full)
        if remainder > 0 && remainder != full { prepareOneDNN(groupSize: remainder) }
    }

    /// Creates (once) oneDNN's primitives for groups of `m` examples and their thread slots; a size
    /// oneDNN refuses stays on im2col.
    private func prepareOneDNN(groupSize m: Int) {
        guard m > 0, !refused.contains(m) else { return }
        if dnn[m] == nil {
            let geometry = OneDNNConvolution.Geometry(batch: m, cin: cin, h: h, w: w, cout: cout, k: k, stride: stride,
                                                      padding: padding, ho: ho, wo: wo)
            guard let primitives = OneDNNConvolution(geometry) else { refused.insert(m); return }
            dnn[m] = primitives
        }
        if !dnn[m]!.reserve(slots: scratch.count) { dnn[m] = nil; refused.insert(m) }
    }

    /// The oneDNN primitives for a group of `m` examples, when this layer uses them.
    @inline(__always)
    private func primitives(_ m: Int) -> OneDNNConvolution? { backend == .onednn ? dnn[m] : nil }

    /// Claims a free scratch slot (one per running thread, so one is always free).
    private func claimSlot() -> Int {
        var used = slotsInUse.load(ordering: .acquiring)
        while true {
            let slot = (~used).trailingZeroBitCount
            precondition(slot < scratch.count, "Conv2D: more threads than scratch slots")
            let (exchanged, original) = slotsInUse.compareExchange(expected: used, desired: used | (1 << slot),
                                                                   ordering: .acquiringAndReleasing)
            if exchanged { return slot }
            used = original
        }
    }

    private func releaseSlot(_ slot: Int) { slotsInUse.bitwiseAnd(~(1 << slot), ordering: .releasing) }

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

    /// The examples of group `g` in a batch of `batch`.
    @inline(__always)
    private func examples(ofGroup g: Int, batch: Int) -> Range<Int> {
        let first = g * Conv2D.groupSize
        return first..<min(batch, first + Conv2D.groupSize)
    }

    private func groups(_ batch: Int) -> Int { (batch + Conv2D.groupSize - 1) / Conv2D.groupSize }

    // Forward, per tile of m examples: col = [im2col(x₁) … im2col(x_m)] (K, m·HoWo);
    // Z = W·col (Cout, m·HoWo) in one sgemm; y[n, o, :] = f(Z[o, n-th block] + b[o]).
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        reserve(batch: batch)
        WorkerTeam.split(groups(batch), minimumPerThread: 1, alignment: 1, ForwardGroups(layer: self, x: x, y: y, batch: batch))
    }

    private struct ForwardGroups: ChunkWork {
        let layer: Conv2D, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int
        func run(_ range: Range<Int>) {
            let slot = layer.claimSlot()
            for g in range { layer.forward(group: g, x: x, y: y, batch: batch, slot: slot) }
            layer.releaseSlot(slot)
        }
    }

    private func forward(group g: Int, x: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, batch: Int, slot: Int) {
        let hw = ho * wo, inSize = cin * h * w, outSize = cout * hw
        let scratch = self.scratch[slot]
        let colp = scratch.col.pointer, z = scratch.product.pointer
        let members = examples(ofGroup: g, batch: batch)
        if let primitives = primitives(members.count) {
            let out = y + members.lowerBound * outSize
            primitives.forward(x: x + members.lowerBound * inSize, weights: weight, bias: bias, y: out, slot: slot)
            if activation != .identity { activation.apply(out, count: members.count * outSize) }
            return
        }
        var start = members.lowerBound
        while start < members.upperBound {
            let m = min(tile, members.upperBound - start), cols = m * hw
            for i in 0..<m { im2col(x + (start + i) * inSize, into: colp + i * hw, rowStride: cols) }
            BLAS.sgemmSerial(false, false, m: cout, n: cols, k: kSize, weight, colp, z)            // (Cout, m·HoWo)
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
        if activation != .relu && activation != .identity {
            activation.apply(y + members.lowerBound * outSize, count: members.count * outSize)
        }
    }

    // Backward, per group: D = dy ⊙ f′ laid out as (Cout, m·HoWo) per tile; the group's bias
    // partial += row sums of D; its weight partial (+)= D·colᵀ (one sgemm per tile); dCol = Wᵀ·D
    // (one sgemm) and dx_n = col2im(dCol's n-th block). Then dW = keep·dW + scale·Σ_groups partials.
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        reserve(batch: batch)
        let groupCount = groups(batch)
        let partials = ensure(&weightPartials, count: groupCount * cout * kSize)
        let biasSums = ensure(&biasPartials, count: groupCount * cout)
        WorkerTeam.split(groupCount, minimumPerThread: 1, alignment: 1,
                         BackwardGroups(layer: self, x: x, y: y, dy: dy, dx: dx, batch: batch,
                                        partials: partials.pointer, biasSums: biasSums.pointer))
        WorkerTeam.split(cout * kSize, minimumPerThread: BLAS.elementsPerThread / max(1, groupCount), alignment: 16,
                         PartialSum(partials: partials.pointer, groups: groupCount, stride: cout * kSize,
                                    target: dWeight, blend: blend))
        PartialSum(partials: biasSums.pointer, groups: groupCount, stride: cout, target: dBias, blend: blend).run(0..<cout)
    }

    private struct BackwardGroups: ChunkWork {
        let layer: Conv2D, x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>
        let dx: UnsafeMutablePointer<Float>?, batch: Int
        let partials: UnsafeMutablePointer<Float>, biasSums: UnsafeMutablePointer<Float>
        func run(_ range: Range<Int>) {
            let slot = layer.claimSlot()
            for g in range {
                layer.backward(group: g, x: x, y: y, dy: dy, dx: dx, batch: batch, slot: slot,
                               partial: partials + g * layer.cout * layer.kSize, biasSum: biasSums + g * layer.cout)
            }
            layer.releaseSlot(slot)
        }
    }

    private func backward(group g: Int, x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                          dx: UnsafeMutablePointer<Float>?, batch: Int, slot: Int,
                          partial: UnsafeMutablePointer<Float>, biasSum: UnsafeMutablePointer<Float>) {
        let hw = ho * wo, inSize = cin * h * w, outSize = cout * hw
        let scratch = self.scratch[slot]
        let colp = scratch.col.pointer, d = scratch.product.pointer
        let members = examples(ofGroup: g, batch: batch)
        biasSum.update(repeating: 0, count: cout)
        if let primitives = primitives(members.count) {
            // D = dy ⊙ f′ in the plain layout (group, Cout, Ho·Wo) — the group's rows of dy themselves
            // when there is no activation; bias partial = its sums per channel.
            let dz = activation == .identity ? dy + members.lowerBound * outSize : scratch.groupGradient.pointer
            for (i, n) in members.enumerated() {
                for o in 0..<cout {
                    let dst = dz + (i * cout + o) * hw
                    if activation != .identity {
                        activation.multiplyDerivative(dy + n * outSize + o * hw, output: y + n * outSize + o * hw, into: dst, count: hw)
                    }
                    biasSum[o] += Kernels.sum(dst, hw)
                }
            }
            primitives.backward(x: x + members.lowerBound * inSize, dz: dz, weights: weight, dWeights: partial,
                                dx: dx.map { $0 + members.lowerBound * inSize }, slot: slot)
            return
        }
        var start = members.lowerBound
        while start < members.upperBound {
            let m = min(tile, members.upperBound - start), cols = m * hw
            for i in 0..<m {
                let dyn = dy + (start + i) * outSize, yn = y + (start + i) * outSize
                for o in 0..<cout {
                    let dst = d + o * cols + i * hw
                    activation.multiplyDerivative(dyn + o * hw, output: yn + o * hw, into: dst, count: hw)
                    biasSum[o] += Kernels.sum(dst, hw)
                }
                im2col(x + (start + i) * inSize, into: colp + i * hw, rowStride: cols)
            }
            BLAS.sgemmSerial(false, true, m: cout, n: kSize, k: cols, d, colp,
                             beta: start == members.lowerBound ? 0 : 1, partial)                // (Cout, K)
            if let dx {
                // dCol reuses the col buffer (its patches are no longer needed).
                BLAS.sgemmSerial(true, false, m: kSize, n: cols, k: cout, weight, d, colp)     // (K, m·HoWo)
                for i in 0..<m { col2im(colp + i * hw, rowStride: cols, into: dx + (start + i) * inSize) }
            }
            start += m
        }
    }

    /// `target[e] = keep·target[e] + scale·Σ_g partials[g·stride + e]`, the groups added in order
    /// (into group 0's partial, which is scratch).
    private struct PartialSum: ChunkWork {
        let partials: UnsafeMutablePointer<Float>, groups: Int, stride: Int
        let target: UnsafeMutablePointer<Float>, blend: GradientBlend
        func run(_ range: Range<Int>) {
            let sum = partials + range.lowerBound, t = target + range.lowerBound, n = range.count
            for g in 1..<max(1, groups) { Kernels.add(partials + g * stride + range.lowerBound, into: sum, n) }
            let keep = blend.keep, scale = blend.scale
            if keep == 0 { for e in 0..<n { t[e] = scale * sum[e] } }
            else { for e in 0..<n { t[e] = keep * t[e] + scale * sum[e] } }
        }
    }
}
