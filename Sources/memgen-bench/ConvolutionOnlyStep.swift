import TrainingCore

/// The *convolution-only bound* of a convolutional network: the same convolution and dense-layer
/// calls a training step makes (each `Conv2D` and `Dense` layer of the model, nested ones included,
/// forward and backward, with the input gradient for every layer but the network's first), on
/// preallocated buffers, and nothing else — no pooling, normalisation, activation layers,
/// concatenation, loss, batch gathering or update. It is to the CNNs what the sgemm-only bound is to
/// the MLPs: the step's products (im2col and col2im included, since they are how a convolution
/// computes them) with nothing around them.
final class ConvolutionOnlyStep {
    private struct Call {
        let layer: any Layer
        let x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>
        let dy: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>?
    }
    private let calls: [Call]
    private let batch: Int
    /// Kept alive: its layers read their parameters from the model's arrays.
    private let model: Model

    /// The calls of `model`'s convolutions and dense layers at batch size `batch`.
    init(model: Model, batch: Int) {
        self.batch = batch
        self.model = model
        func products(_ layers: [any Layer]) -> [any Layer] {
            layers.flatMap { layer -> [any Layer] in
                switch layer {
                case let c as ChannelConcat: c.branches.flatMap(products)
                case let r as ResidualBlock: products(r.body) + products(r.shortcut)
                case is Conv2D, is Dense: [layer]
                default: []
                }
            }
        }
        func buffer(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            var state: UInt32 = 1
            for i in 0..<n {      // values in [-0.5, 0.5): about half the ReLU outputs pass gradients
                state = state &* 1_664_525 &+ 1_013_904_223
                p[i] = Float(state >> 8) / Float(1 << 24) - 0.5
            }
            return p
        }
        let first = ObjectIdentifier(model.layers[0])
        calls = products(model.layers).map { layer in
            Call(layer: layer, x: buffer(batch * layer.inputSize), y: buffer(batch * layer.outputSize),
                 dy: buffer(batch * layer.outputSize),
                 dx: ObjectIdentifier(layer) == first ? nil : buffer(batch * layer.inputSize))
        }
        for call in calls { call.layer.reserve(batch: batch) }
    }

    deinit { for c in calls { for p in [c.x, c.y, c.dy, c.dx].compactMap({ $0 }) { p.deallocate() } } }

    /// Seconds for the calls of one epoch of `samples` inputs.
    func epoch(samples: Int) -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<(samples + batch - 1) / batch {
            for c in calls { c.layer.forward(c.x, c.y, batch: batch, training: true) }
            for c in calls.reversed() {
                c.layer.backward(x: c.x, y: c.y, dy: c.dy, dx: c.dx, batch: batch, blend: .overwrite)
            }
        }
        return seconds(clock.now - start)
    }
}

extension Layer {
    var inputSize: Int { inputShape.reduce(1, *) }
    var outputSize: Int { outputShape.reduce(1, *) }
}
