import XCTest
@testable import TrainingCore

/// Any closure as chunked work, for tests (the library's passes use small structs so that handing
/// work to the team allocates nothing; here that does not matter).
struct ClosureWork: ChunkWork {
    let body: (Range<Int>) -> Void
    func run(_ range: Range<Int>) { body(range) }
}

extension WorkerTeam {
    static func split(_ count: Int, minimumPerThread: Int, alignment: Int = 16,
                      _ body: @escaping (Range<Int>) -> Void) {
        split(count, minimumPerThread: minimumPerThread, alignment: alignment, ClosureWork(body: body))
    }
}

/// The fused, SIMD and thread-split passes of a training step against the plain loops they
/// replace, bit for bit (tolerance: none — `Float.bitPattern` must match), at 1 and 2 threads.
final class FusedKernelTests: XCTestCase {
    /// Runs `body` at 1 and at 2 OpenBLAS (and worker-team) threads.
    func atOneAndTwoThreads(_ body: (Int) throws -> Void) rethrows {
        let previous = BLAS.threads
        defer { BLAS.threads = previous }
        for threads in [1, 2] {
            BLAS.threads = threads
            try body(threads)
        }
    }

    /// Random values with the awkward ones mixed in: ±0, NaN, ±∞, exact ties at zero.
    func values(_ n: Int, seed: UInt64) -> [Float] {
        var rng = SeededGenerator(seed: seed)
        let special: [Float] = [0, -0.0, .nan, .infinity, -.infinity, 1e-38, -1e-38]
        return (0..<n).map { i in i % 37 == 5 ? special[(i / 37) % special.count] : rng.normal(standardDeviation: 2) }
    }

    func assertBitIdentical(_ a: [Float], _ b: [Float], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, what, file: file, line: line)
        if let i = a.indices.first(where: { i in i < b.count && a[i].bitPattern != b[i].bitPattern }) {
            XCTFail("\(what): first difference at \(i): \(a[i]) vs \(b[i])", file: file, line: line)
        }
    }

    func testWorkerTeamRunsEveryIndexExactlyOnce() {
        atOneAndTwoThreads { threads in
            for count in [0, 1, 15, 16, 17, 100, 1000, 4097] {
                for alignment in [1, 16] {
                    var hits = [Int](repeating: 0, count: count)
                    hits.withUnsafeMutableBufferPointer { h in
                        let p = h.baseAddress
                        WorkerTeam.split(count, minimumPerThread: 1, alignment: alignment) { range in
                            for i in range { p![i] += 1 }
                        }
                    }
                    XCTAssertEqual(hits, [Int](repeating: 1, count: count), "count \(count), \(threads) threads")
                }
            }
        }
        // The parts tile 0..<count with aligned boundaries.
        for (count, parts, alignment) in [(100, 2, 16), (512, 2, 16), (128, 2, 1), (10, 3, 4), (1000, 4, 16)] {
            let ranges = (0..<parts).map { WorkerTeam.range(part: $0, of: parts, count: count, alignment: alignment) }
            XCTAssertEqual(ranges.first?.lowerBound, 0)
            XCTAssertEqual(ranges.last?.upperBound, count)
            for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
            for r in ranges.dropLast() { XCTAssertEqual(r.upperBound % alignment, 0) }
        }
    }

    func testWorkerTeamSurvivesManyShortJobsAndConcurrentCallers() {
        // Many tiny jobs back to back exercise the hand-over between the caller closing a job and
        // a helper entering the next one; two callers at once exercise the serial fallback.
        atOneAndTwoThreads { threads in
            let jobs = 20_000, count = 64
            var hits = [Int](repeating: 0, count: count)
            hits.withUnsafeMutableBufferPointer { h in
                let p = h.baseAddress!
                for _ in 0..<jobs {
                    WorkerTeam.split(count, minimumPerThread: 1, alignment: 1) { range in
                        for i in range { p[i] += 1 }
                    }
                }
            }
            XCTAssertEqual(hits, [Int](repeating: jobs, count: count), "\(threads) threads")

            let sums = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2 * count)
            defer { sums.deallocate() }
            sums.initialize(repeating: 0)
            nonisolated(unsafe) let base = sums.baseAddress!
            DispatchQueue.concurrentPerform(iterations: 2) { caller in
                for _ in 0..<2_000 {
                    WorkerTeam.split(count, minimumPerThread: 1, alignment: 1) { range in
                        for i in range { base[caller * count + i] += 1 }
                    }
                }
            }
            XCTAssertEqual(Array(sums), [Int](repeating: 2_000, count: 2 * count), "concurrent callers, \(threads) threads")
        }
    }

    func testBiasAndActivationMatchPlainLoop() {
        for activation in Activation.allCases {
            for (batch, n) in [(128, 512), (3, 10), (64, 515), (1, 17)] {
                let z = values(batch * n, seed: UInt64(n)), bias = values(n, seed: 99)
                // The loop Dense.forward used before fusion.
                var expected = z
                for r in 0..<batch {
                    for j in 0..<n {
                        let v = expected[r * n + j] + bias[j]
                        expected[r * n + j] = activation == .relu ? max(v, 0) : v
                    }
                }
                if activation == .tanh || activation == .sigmoid {
                    expected.withUnsafeMutableBufferPointer { activation.apply($0.baseAddress!, count: batch * n) }
                }
                atOneAndTwoThreads { threads in
                    var y = z
                    y.withUnsafeMutableBufferPointer { yp in
                        let p = yp.baseAddress!
                        WorkerTeam.split(batch, minimumPerThread: 1, alignment: 1) { rows in
                            Kernels.addBiasAndActivate(p, bias: bias, rows: rows, columns: n, activation: activation)
                        }
                    }
                    assertBitIdentical(y, expected, "\(activation) (\(batch), \(n)) at \(threads) threads")
                }
            }
        }
    }

    func testDerivativeAndBiasGradientMatchPlainLoops() {
        let blends = [GradientBlend.overwrite, .accumulate, GradientBlend(scale: -0.01, keep: 0.9)]
        for activation in Activation.allCases {
            for (batch, n) in [(128, 512), (3, 10), (64, 515), (1, 17), (7, 80)] {
                let dy = values(batch * n, seed: UInt64(n) + 1)
                var y = values(batch * n, seed: UInt64(n) + 2)
                if activation == .relu { y = y.map { $0.isNaN ? $0 : max($0, 0) } }
                let g0 = values(n, seed: 5)
                for blend in blends {
                    // The loops Dense.backward used before fusion.
                    var dz = dy
                    dz.withUnsafeMutableBufferPointer { d in
                        activation.multiplyDerivative(d.baseAddress!, output: y, into: d.baseAddress!, count: batch * n)
                    }
                    var g = g0
                    if blend.keep == 0 { g = [Float](repeating: 0, count: n) }
                    else if blend.keep != 1 { for j in 0..<n { g[j] *= blend.keep } }
                    for r in 0..<batch { for j in 0..<n { g[j] += blend.scale * dz[r * n + j] } }

                    atOneAndTwoThreads { threads in
                        var d = dy, sums = g0
                        d.withUnsafeMutableBufferPointer { dp in
                            sums.withUnsafeMutableBufferPointer { sp in
                                let (dptr, sptr) = (dp.baseAddress!, sp.baseAddress!)
                                WorkerTeam.split(n, minimumPerThread: 1) { columns in
                                    Kernels.activationDerivativeAndBiasGradient(
                                        dptr, output: y, rows: batch, columns: n, range: columns, activation: activation,
                                        into: sptr, scale: blend.scale, keep: blend.keep)
                                }
                            }
                        }
                        let what = "\(activation) (\(batch), \(n)) \(blend) at \(threads) threads"
                        assertBitIdentical(d, dz, "dz " + what)
                        assertBitIdentical(sums, g, "db " + what)
                    }
                }
            }
        }
    }

    func testDenseLayerMatchesGemmPlusPlainLoops() throws {
        // The whole layer at a training shape: forward, then backward with the fused-SGD blend.
        let (batch, inputs, outputs) = (128, 96, 512)
        let x = values(batch * inputs, seed: 11).map { $0.isFinite ? $0 : 1 }
        let dyIn = values(batch * outputs, seed: 12).map { $0.isFinite ? $0 : -1 }
        let blend = GradientBlend(scale: -0.01, keep: 0.9)
        var results: [[Float]] = []
        try atOneAndTwoThreads { _ in
            var rng = SeededGenerator(seed: 3)
            let layer = try Dense(inputSize: inputs, outputSize: outputs, activation: .relu)
            let params = FloatBuffer(count: layer.parameterCount), grads = FloatBuffer(count: layer.parameterCount)
            layer.bind(parameters: params.pointer, gradients: grads.pointer)
            layer.initialize(using: &rng)
            for i in 0..<layer.parameterCount { grads.pointer[i] = Float(i % 7) - 3 }
            var y = [Float](repeating: 0, count: batch * outputs), dy = dyIn
            var dx = [Float](repeating: 0, count: batch * inputs)
            layer.forward(x, &y, batch: batch, training: true)
            layer.backward(x: x, y: y, dy: &dy, dx: &dx, batch: batch, blend: blend)

            // Reference: the same GEMMs, plain loops for everything else.
            let w = Array(UnsafeBufferPointer(start: params.pointer, count: outputs * inputs))
            let b = Array(UnsafeBufferPointer(start: params.pointer + outputs * inputs, count: outputs))
            var ry = [Float](repeating: 0, count: batch * outputs)
            BLAS.sgemm(false, true, m: batch, n: outputs, k: inputs, x, w, &ry)
            for r in 0..<batch { for j in 0..<outputs { ry[r * outputs + j] = max(ry[r * outputs + j] + b[j], 0) } }
            var dz = dyIn
            for i in 0..<dz.count { dz[i] = ry[i] > 0 ? dz[i] : 0 }
            var rdb = (0..<outputs).map { Float((outputs * inputs + $0) % 7) - 3 }
            for j in 0..<outputs { rdb[j] *= blend.keep }
            for r in 0..<batch { for j in 0..<outputs { rdb[j] += blend.scale * dz[r * outputs + j] } }
            var rdw = (0..<outputs * inputs).map { Float($0 % 7) - 3 }
            BLAS.sgemm(true, false, m: outputs, n: inputs, k: batch, alpha: blend.scale, dz, x, beta: blend.keep, &rdw)
            var rdx = [Float](repeating: 0, count: batch * inputs)
            BLAS.sgemm(false, false, m: batch, n: inputs, k: outputs, dz, w, &rdx)

            assertBitIdentical(y, ry, "y")
            assertBitIdentical(dy, dz, "dz")
            assertBitIdentical(Array(UnsafeBufferPointer(start: grads.pointer + outputs * inputs, count: outputs)), rdb, "db")
            assertBitIdentical(Array(UnsafeBufferPointer(start: grads.pointer, count: outputs * inputs)), rdw, "dW")
            assertBitIdentical(dx, rdx, "dx")
            results.append(y + dy + dx + Array(grads.buffer))
        }
        assertBitIdentical(results[0], results[1], "1 vs 2 threads")
    }

    func testGatherMatchesPlainLoop() throws {
        let (n, d) = (300, 784)
        let scalars = values(n * d, seed: 21)
        let data = try LabeledData(inputs: Tensor(shape: [n, d], scalars: scalars), labels: (0..<n).map { $0 % 10 },
                                   classes: 10)
        var rng = SeededGenerator(seed: 4)
        let order = rng.permutation(n)
        let picked = order[17..<(17 + 128)]   // a slice that does not start at 0
        atOneAndTwoThreads { threads in
            var x = [Float](repeating: 0, count: 128 * d), labels = [Int32](repeating: -1, count: 128)
            data.gather(picked, inputs: &x, labels: &labels)
            var ex: [Float] = []
            for i in picked { ex += scalars[(i * d)..<((i + 1) * d)] }
            assertBitIdentical(x, ex, "gathered inputs at \(threads) threads")
            XCTAssertEqual(labels, picked.map { Int32($0 % 10) })
        }
    }

    func testCrossEntropyGradientMatchesTwoPassLoop() throws {
        // The loss once computed each exponential twice; keeping them must not change a bit.
        let (n, k) = (64, 10)
        let z = values(n * k, seed: 31).map { $0.isFinite ? $0 : 30 }
        let labels = (0..<n).map { ($0 * 7) % k }
        let g = try Loss.crossEntropy.gradient(logits: Tensor(shape: [n, k], scalars: z), labels: labels)
        var expected = [Float](repeating: 0, count: n * k)
        let scale = 1 / Float(n)
        for r in 0..<n {
            let row = Array(z[(r * k)..<((r + 1) * k)])
            let zMax = row.max()!
            var sum: Float = 0
            for j in 0..<k { sum += expf(row[j] - zMax) }
            for j in 0..<k { expected[r * k + j] = expf(row[j] - zMax) * (scale / sum) }
            expected[r * k + labels[r]] -= scale
        }
        assertBitIdentical(g.scalars, expected, "softmax − onehot")
    }
}
