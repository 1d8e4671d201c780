import TrainingCore

/// `BENCH_BATCHNORM=1`: the BatchNorm layers of the small Inception ×⅛ timed alone, one layer at a
/// time at batch 128 — the forward (training) and backward calls a step makes, on preallocated
/// buffers — for each thread count of `BENCH_THREADS`. What the Inception's step spends around its
/// convolutions is mostly these calls (README, "Convolutions"); the per-layer figures show which
/// shapes they lose time on. Each layer's own buffers are reused call after call, so they are as
/// warm in cache as a layer's data can be: a lower bound on what the calls cost inside a step.
func batchNormOnly(threads threadCounts: [Int], repetitions: Int = 200) throws {
    var rng = SeededGenerator(seed: 1)
    let model = try Model(architecture: .smallInception(width: inceptionWidth, batchNorm: true), inputShape: [1, 28, 28],
                          classes: 10, rng: &rng)
    func batchNorms(_ layers: [any Layer]) -> [any Layer] {
        layers.flatMap { layer -> [any Layer] in
            switch layer {
            case let c as ChannelConcat: c.branches.flatMap(batchNorms)
            case is BatchNorm: [layer]
            default: []
            }
        }
    }
    let layers = batchNorms(model.layers)
    print("BatchNorm calls alone: the \(layers.count) BatchNorm layers of the small Inception ×⅛, batch \(batch), " +
          "mean of \(repetitions) calls each after one warm-up")
    for threads in threadCounts {
        BLAS.threads = threads
        print("")
        print("threads \(threads)   shape (C, H, W)   forward µs   backward µs   MB per tensor")
        var total = 0.0
        for layer in layers {
            let n = batch * layer.inputSize
            let buffers = (0..<4).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: n) }
            defer { buffers.forEach { $0.deallocate() } }
            let (x, y, dy, dx) = (buffers[0], buffers[1], buffers[2], buffers[3])
            for i in 0..<n { x[i] = Float(i % 97) / 50 - 0.9; dy[i] = Float(i % 89) / 40 - 1 }
            layer.reserve(batch: batch)
            let clock = ContinuousClock()
            var forward = Duration.zero, backward = Duration.zero
            for r in 0...repetitions {
                let t0 = clock.now
                layer.forward(x, y, batch: batch, training: true)
                let t1 = clock.now
                layer.backward(x: x, y: y, dy: dy, dx: dx, batch: batch, blend: .overwrite)
                if r > 0 { forward += t1 - t0; backward += clock.now - t1 }
            }
            let f = seconds(forward) * 1e6 / Double(repetitions), b = seconds(backward) * 1e6 / Double(repetitions)
            total += f + b
            print("          " + "\(layer.inputShape)".padding(toLength: 18, withPad: " ", startingAt: 0)
                  + String(format: "%10.0f   %11.0f   %13.1f", f, b, Double(n * 4) / 1e6))
        }
        print(String(format: "          all: %.2f ms per step (%.0f samples/s of BatchNorm alone)", total / 1000, Double(batch) / total * 1e6))
    }
}
