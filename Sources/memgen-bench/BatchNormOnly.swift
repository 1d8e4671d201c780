import Dispatch
import TrainingCore

/// `BENCH_BATCHNORM=1`: the BatchNorm layers of the small Inception ×⅛ timed alone, one layer at a
/// time at batch 128 — the forward (training) and backward calls a step makes, on preallocated
/// buffers — for each thread count of `BENCH_THREADS`. What the Inception's step spends around its
/// convolutions is mostly these calls (README, "Convolutions"); the per-layer figures show which
/// shapes they lose time on. Each layer's own buffers are reused call after call, so they are as
/// warm in cache as a layer's data can be: a lower bound on what the calls cost inside a step.
///
/// Beside each call, its *one-pass floor*: the same buffers streamed once, `y = max(a·x + b, 0)`
/// forward (read x, write y) and `dx = a·dy + b·x` backward (read dy and x, write dx), split
/// across the same number of threads (or not split, when that is faster). No BatchNorm that writes its output can move less memory
/// than that (its statistics need further passes over x, and over dy and x, before it can write).
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
        print("threads \(threads)   shape (C, H, W)   forward µs   backward µs   MB per tensor   floor fwd   floor bwd")
        var total = 0.0, floor = 0.0
        for layer in layers {
            let n = batch * layer.inputSize
            let buffers = (0..<4).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: n) }
            defer { buffers.forEach { $0.deallocate() } }
            let (x, y, dy, dx) = (buffers[0], buffers[1], buffers[2], buffers[3])
            for i in 0..<n { x[i] = Float(i % 97) / 50 - 0.9; dy[i] = Float(i % 89) / 40 - 1 }
            layer.reserve(batch: batch)
            let clock = ContinuousClock()
            var forward = Duration.zero, backward = Duration.zero
            let splits = Set([1, threads]).sorted()
            var forwardFloor = [Duration](repeating: .zero, count: 2), backwardFloor = forwardFloor   // 1 part, `threads` parts
            for r in 0...repetitions {
                let t0 = clock.now
                layer.forward(x, y, batch: batch, training: true)
                let t1 = clock.now
                layer.backward(x: x, y: y, dy: dy, dx: dx, batch: batch, blend: .overwrite)
                if r > 0 { forward += t1 - t0; backward += clock.now - t1 }
                for (k, parts) in splits.enumerated() {
                    let t2 = clock.now
                    onePass(threads: parts, n) { range in affineReLU(x + range.lowerBound, y + range.lowerBound, range.count) }
                    let t3 = clock.now
                    onePass(threads: parts, n) { range in
                        combine(dy + range.lowerBound, x + range.lowerBound, dx + range.lowerBound, range.count)
                    }
                    if r > 0 { forwardFloor[k] += t3 - t2; backwardFloor[k] += clock.now - t3 }
                }
            }
            func micro(_ d: Duration) -> Double { seconds(d) * 1e6 / Double(repetitions) }
            // The floor at `threads`: the faster of one part and `threads` parts (handing a small
            // tensor to a second thread costs more than it saves).
            let f = micro(forward), b = micro(backward)
            let ff = forwardFloor.prefix(splits.count).map(micro).min()!, bf = backwardFloor.prefix(splits.count).map(micro).min()!
            total += f + b; floor += ff + bf
            print("          " + "\(layer.inputShape)".padding(toLength: 18, withPad: " ", startingAt: 0)
                  + String(format: "%10.0f   %11.0f   %13.1f   %9.0f   %10.0f", f, b, Double(n * 4) / 1e6, ff, bf))
        }
        print(String(format: "          all: %.2f ms per step (%.0f samples/s of BatchNorm alone); one-pass floor %.2f ms (%.2f of it)",
                     total / 1000, Double(batch) / total * 1e6, floor / 1000, floor / total))
    }
}

/// `body` over `0..<count` in `threads` contiguous parts, one per thread (the floor's split).
private func onePass(threads: Int, _ count: Int, _ body: (Range<Int>) -> Void) {
    guard threads > 1 else { return body(0..<count) }
    let part = (count / threads + 7) / 8 * 8
    withoutActuallyEscaping(body) { body in
        let work = UncheckedWork(run: body)      // the parts write disjoint ranges
        DispatchQueue.concurrentPerform(iterations: threads) { t in
            let range = min(count, t * part)..<min(count, (t + 1) * part)
            if !range.isEmpty { work.run(range) }
        }
    }
}

private struct UncheckedWork: @unchecked Sendable { let run: (Range<Int>) -> Void }

/// `y = max(a·x + b, 0)`, eight lanes at a time: one read and one write of every value.
private func affineReLU(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int) {
    let a = SIMD8<Float>(repeating: 0.9), b = SIMD8<Float>(repeating: 0.1), zero = SIMD8<Float>()
    let rx = UnsafeRawPointer(x), ry = UnsafeMutableRawPointer(y)
    var i = 0
    while i + 8 <= n {
        let v = a * rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self) + b
        ry.storeBytes(of: v.replacing(with: zero, where: v .< zero), toByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    while i < n { y[i] = max(0.9 * x[i] + 0.1, 0); i += 1 }
}

/// `dx = a·dy + b·x`, eight lanes at a time: two reads and one write of every value.
private func combine(_ dy: UnsafePointer<Float>, _ x: UnsafePointer<Float>, _ dx: UnsafeMutablePointer<Float>, _ n: Int) {
    let a = SIMD8<Float>(repeating: 0.9), b = SIMD8<Float>(repeating: -0.1)
    let rd = UnsafeRawPointer(dy), rx = UnsafeRawPointer(x), ro = UnsafeMutableRawPointer(dx)
    var i = 0
    while i + 8 <= n {
        let v = a * rd.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            + b * rx.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
        ro.storeBytes(of: v, toByteOffset: i * 4, as: SIMD8<Float>.self)
        i += 8
    }
    while i < n { dx[i] = 0.9 * dy[i] - 0.1 * x[i]; i += 1 }
}
