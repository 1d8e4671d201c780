/// A residual block (He et al. 2016): `y = f(body(x) + shortcut(x))`, where `body` is a stack of
/// layers and `shortcut` is the identity or a stack of its own (e.g. a strided 1×1 convolution
/// with BatchNorm when the shape changes). Parameters: the body's, then the shortcut's.
public final class ResidualBlock: Layer {
    public let inputShape: [Int]
    public let outputShape: [Int]
    public let body: [any Layer]
    public let shortcut: [any Layer]
    public let activation: Activation

    private var bodyActs: [FloatBuffer?]      // bodyActs[i]: output of body layer i  (B, size)
    private var shortActs: [FloatBuffer?]     // outputs of shortcut layers          (B, size)
    private var gradA: FloatBuffer?, gradB: FloatBuffer?, gradShort: FloatBuffer?, dz: FloatBuffer?
    private var capacity = 0

    /// A block; the body's (and shortcut's) output shape must equal the other's.
    public init(body: [any Layer], shortcut: [any Layer] = [], activation: Activation = .relu) throws {
        guard let first = body.first, let last = body.last else { throw TrainingCoreError("ResidualBlock: empty body") }
        inputShape = first.inputShape
        outputShape = last.outputShape
        let shortOut = shortcut.last?.outputShape ?? inputShape
        guard shortOut.reduce(1, *) == outputShape.reduce(1, *) else {
            throw TrainingCoreError("ResidualBlock: body gives \(outputShape) but the shortcut gives \(shortOut)")
        }
        for stack in [body, shortcut] where !stack.isEmpty {
            guard stack[0].inputSize == first.inputSize else {
                throw TrainingCoreError("ResidualBlock: a stack does not start at the block's input shape")
            }
            for (a, b) in zip(stack, stack.dropFirst()) where a.outputSize != b.inputSize {
                throw TrainingCoreError("ResidualBlock: \(a.description) → \(b.description) shapes do not chain")
            }
        }
        self.body = body; self.shortcut = shortcut; self.activation = activation
        bodyActs = Array(repeating: nil, count: body.count)
        shortActs = Array(repeating: nil, count: shortcut.count)
    }

    public var description: String {
        "Residual[\(body.map(\.description).joined(separator: ", "))" +
            (shortcut.isEmpty ? "" : " | \(shortcut.map(\.description).joined(separator: ", "))") + "]"
    }
    public var parameterCount: Int { (body + shortcut).reduce(0) { $0 + $1.parameterCount } }
    public var prunableRange: Range<Int> { 0..<0 }

    public func bind(parameters: UnsafeMutablePointer<Float>, gradients: UnsafeMutablePointer<Float>) {
        var offset = 0
        for layer in body + shortcut {
            layer.bind(parameters: parameters + offset, gradients: gradients + offset)
            offset += layer.parameterCount
        }
    }

    public func initialize(using rng: inout SeededGenerator) {
        for layer in body + shortcut { layer.initialize(using: &rng) }
    }

    public func reserve(batch: Int) {
        guard batch > capacity else { return }
        capacity = batch
        for i in body.indices { bodyActs[i] = FloatBuffer(count: batch * body[i].outputSize) }
        for i in shortcut.indices { shortActs[i] = FloatBuffer(count: batch * shortcut[i].outputSize) }
        let widest = (body + shortcut).map(\.outputSize).max()! 
        gradA = FloatBuffer(count: batch * max(widest, inputSize))
        gradB = FloatBuffer(count: batch * max(widest, inputSize))
        gradShort = FloatBuffer(count: batch * inputSize)
        dz = FloatBuffer(count: batch * outputSize)
        for layer in body + shortcut { layer.reserve(batch: batch) }
    }

    // y = f(body(x) + shortcut(x))
    public func forward(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, batch: Int, training: Bool) {
        reserve(batch: batch)
        var input = x
        for (i, layer) in body.enumerated() {
            layer.forward(input, bodyActs[i]!.pointer, batch: batch, training: training)
            input = UnsafePointer(bodyActs[i]!.pointer)
        }
        var shortInput = x
        for (i, layer) in shortcut.enumerated() {
            layer.forward(shortInput, shortActs[i]!.pointer, batch: batch, training: training)
            shortInput = UnsafePointer(shortActs[i]!.pointer)
        }
        let n = batch * outputSize
        for t in 0..<n { y[t] = input[t] + shortInput[t] }
        activation.apply(y, count: n)
    }

    // dz = dy ⊙ f′(y); dx = body′ᵀ dz + shortcut′ᵀ dz
    public func backward(x: UnsafePointer<Float>, y: UnsafePointer<Float>, dy: UnsafeMutablePointer<Float>,
                         dx: UnsafeMutablePointer<Float>?, batch: Int, blend: GradientBlend) {
        let n = batch * outputSize
        let dzp = dz!.pointer
        activation.multiplyDerivative(dy, output: y, into: dzp, count: n)
        let wantInput = dx != nil
        // Body.
        var cur = gradA!.pointer, other = gradB!.pointer
        cur.update(from: dzp, count: n)
        for i in stride(from: body.count - 1, through: 0, by: -1) {
            let input = i == 0 ? x : UnsafePointer(bodyActs[i - 1]!.pointer)
            let target: UnsafeMutablePointer<Float>? = i > 0 ? other : (wantInput ? dx : nil)
            body[i].backward(x: input, y: bodyActs[i]!.pointer, dy: cur, dx: target, batch: batch, blend: blend)
            swap(&cur, &other)
        }
        // Shortcut (identity adds dz itself).
        let inSize = batch * inputSize
        if shortcut.isEmpty {
            if let dx { for t in 0..<inSize { dx[t] += dzp[t] } }
            return
        }
        cur = gradA!.pointer; other = gradB!.pointer
        cur.update(from: dzp, count: n)
        for i in stride(from: shortcut.count - 1, through: 0, by: -1) {
            let input = i == 0 ? x : UnsafePointer(shortActs[i - 1]!.pointer)
            let target: UnsafeMutablePointer<Float>? = i > 0 ? other : (wantInput ? gradShort!.pointer : nil)
            shortcut[i].backward(x: input, y: shortActs[i]!.pointer, dy: cur, dx: target, batch: batch, blend: blend)
            swap(&cur, &other)
        }
        if let dx { let g = gradShort!.pointer; for t in 0..<inSize { dx[t] += g[t] } }
    }
}
