/// Branches that read the same `(C, H, W)` input and whose outputs are stacked along the channel
/// axis: `y = [branch₁(x); branch₂(x); …]`, each branch a stack of layers (an Inception module's
/// 1×1 and 3×3 convolutions, or a downsampling module's strided convolution and max pool).
/// Backward adds the branches' input gradients. Parameters: the branches' in order.
public final class ChannelConcat: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let branches: [[any Layer]]

    private var activations: [[FloatBuffer?]]   // activations[b][i]: output of branch b's layer i (B, size)
    /// Branch `b`'s last layer when it writes straight into its slot of the output (no copy either way).
    private let slotWriters: [(any ConcatenationSlotWriter)?]
    private var gradA: FloatBuffer?, gradB: FloatBuffer?, branchInputGradient: FloatBuffer?
    private var capacity = 0

    /// Branches that start at the same input shape and end at the same height and width.
    public init(branches: [[any Layer]]) throws {
        guard let first = branches.first?.first, branches.allSatisfy({ !$0.isEmpty }) else {
            throw TrainingCoreError("ChannelConcat: needs at least one branch, and no empty branch")
        }
        inputShape = first.inputShape
        var channels = 0
        var spatial: [Int]? = nil
        for stack in branches {
            guard stack[0].inputShape == inputShape else {
                throw TrainingCoreError("ChannelConcat: a branch starts at \(stack[0].inputShape), not \(inputShape)")
            }
            for (a, b) in zip(stack, stack.dropFirst()) where a.outputSize != b.inputSize {
                throw TrainingCoreError("ChannelConcat: \(a.description) → \(b.description) shapes do not chain")
            }
            let out = stack.last!.outputShape
            guard out.count == 3, spatial == nil || spatial! == Array(out.dropFirst()) else {
                throw TrainingCoreError("ChannelConcat: branch outputs \(out) do not share height and width")
            }
            spatial = Array(out.dropFirst())
            channels += out[0]
        }
        outputShape = [channels] + spatial!
        self.branches = branches
        activations = branches.map { Array(repeating: nil, count: $0.count) }
        slotWriters = branches.map { $0.last! as? any ConcatenationSlotWriter }
    }

    public var description: String {
        "Concat[" + branches.map { $0.map(\.description).joined(separator: ", ") }.joined(separator: " | ") + "]"
    }
    public var parameterCount: Int { branches.joined().reduce(0) { $0 + $1.parameterCount } }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        var offset = 0
        for layer in branches.joined() {
            layer.bind(parameters: parameters + offset, gradients: gradients + offset)
            offset += layer.parameterCount
        }
    }

    public func initialize(using rng: inout SeededGenerator) {
        for layer in branches.joined() { layer.initialize(using: &rng) }
    }

    public func reserve(batch: Int) {
        guard batch > capacity else { return }
        capacity = batch
        for (b, stack) in branches.enumerated() {
            for (i, layer) in stack.enumerated() where i < stack.count - 1 || slotWriters[b] == nil {
                activations[b][i] = FloatBuffer(count: batch * layer.outputSize)
            }
        }
        let widest = max(inputSize, branches.joined().map(\.outputSize).max()!)
        gradA = FloatBuffer(count: batch * widest)
        gradB = FloatBuffer(count: batch * widest)
        branchInputGradient = FloatBuffer(count: batch * inputSize)
        for layer in branches.joined() { layer.reserve(batch: batch) }
    }

    /// The channel offset and per-example size of branch `b`'s output within `y`.
    private func slot(_ b: Int) -> (offset: Int, size: Int) {
        let plane = outputShape[1] * outputShape[2]
        let before = branches[..<b].reduce(0) { $0 + $1.last!.outputShape[0] }
        return (before * plane, branches[b].last!.outputSize)
    }

    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        reserve(batch: batch)
        for (b, stack) in branches.enumerated() {
            let (offset, size) = slot(b)
            var input = x
            for (i, layer) in stack.enumerated() {
                if i == stack.count - 1, let writer = slotWriters[b] {
                    writer.forward(input, y + offset, outputStride: outputSize, batch: batch, training: training)
                    break
                }
                layer.forward(input, activations[b][i]!.pointer, batch: batch, training: training)
                input = UnsafePointer(activations[b][i]!.pointer)
            }
            if slotWriters[b] == nil {
                WorkerTeam.split(batch, minimumPerThread: max(1, BLAS.elementsPerThread / max(1, size)), alignment: 1,
                                 Copy(from: input, fromStride: size, to: y + offset, toStride: outputSize, size: size))
            }
        }
    }

    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let inSize = batch * inputSize
        for (b, stack) in branches.enumerated() {
            let (offset, size) = slot(b)
            var cur = gradA!.pointer, other = gradB!.pointer
            if slotWriters[b] == nil {
                WorkerTeam.split(batch, minimumPerThread: max(1, BLAS.elementsPerThread / max(1, size)), alignment: 1,
                                 Copy(from: dy + offset, fromStride: outputSize, to: cur, toStride: size, size: size))
            }
            // The first branch writes dx directly; the others write a scratch gradient added after.
            let branchDx: UnsafeMutablePointer<Float>? = dx == nil ? nil : (b == 0 ? dx : branchInputGradient!.pointer)
            for i in stride(from: stack.count - 1, through: 0, by: -1) {
                let input = i == 0 ? x : UnsafePointer(activations[b][i - 1]!.pointer)
                let target: UnsafeMutablePointer<Float>? = i > 0 ? other : branchDx
                if i == stack.count - 1, let writer = slotWriters[b] {
                    writer.backward(x: input, y: y + offset, dy: dy + offset, outputStride: outputSize, dx: target,
                                    batch: batch, blend: blend)
                } else {
                    stack[i].backward(x: input, y: activations[b][i]!.pointer, dy: cur, dx: target, batch: batch, blend: blend)
                }
                swap(&cur, &other)
            }
            if b > 0, let dx { BLAS.saxpy(inSize, alpha: 1, branchInputGradient!.pointer, dx) }   // 1·g + dx rounds as g + dx
        }
    }

    /// Copies `size` values per example between two strided batch layouts, split by examples.
    private struct Copy: ChunkWork {
        let from: UnsafePointer<Float>, fromStride: Int, to: UnsafeMutablePointer<Float>, toStride: Int, size: Int
        func run(_ examples: Range<Int>) {
            for n in examples { (to + n * toStride).update(from: from + n * fromStride, count: size) }
        }
    }
}

/// A layer that can write its output straight into its slot of a `ChannelConcat`'s output — row
/// `n` at `n · outputStride`, a channel slice of the concatenation's wider rows — and read its
/// output and output gradient from there in backward, which spares the concatenation a copy each
/// way. Same arithmetic as `forward`/`backward` with `outputStride == outputSize`.
protocol ConcatenationSlotWriter: Layer {
    func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, outputStride: Int, batch: Int, training: Bool)
    /// `y` and `dy` are strided like the output; `dy` may be overwritten; `dx` is `(batch, inputSize)`.
    func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>, outputStride: Int,
                  dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend)
}
