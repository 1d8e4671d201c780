// memgen-bench: training throughput of the core (samples/s), one epoch = 60,000 inputs of
// dimension 784 (Fashion-MNIST train if installed, else synthetic), batch 128, SGD with momentum
// 0.9, Float32, at 1 and 2 threads, for MLP 784-512-10, MLP 784-512-512-512-10 and the small CNN
// (conv32-pool-conv64-pool-dense128) on 28×28. Prints the median of a few epochs (after one
// warm-up epoch) and, for the MLPs, two bounds made of the same GEMM calls a step makes, on
// preallocated buffers, and nothing else: the *sgemm-only bound* with OpenBLAS's own threading
// (OpenBLAS's sgemm calls alone), and at 2 threads also the *split-GEMM bound*, the same calls
// split across threads the way TrainingCore splits them (single-threaded OpenBLAS blocks on its
// worker team). Their epochs are interleaved with the training epochs so that all see the same
// machine load. For the sgemm-only bound it prints the ratio of the medians, the median of the
// paired per-epoch ratios (robust to load that drifts) and the ratio of the best epochs (what the
// code does when nothing else interferes); then peak memory (getrusage maxrss), the OpenBLAS core
// and how this machine's products are split.
//
// Run: `make bench` (release build; unsets OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE for the bench only,
// so OpenBLAS picks its own kernels). Environment knobs: BENCH_EPOCHS (default 3),
// BENCH_THREADS (default "1,2"), BENCH_ONLY (substring of a model name), BENCH_CALIBRATE=1
// (the REPLICATION §1 calibration run instead: 2,000 images to 99.9% train accuracy),
// BENCH_BATCHNORM=1 (the Inception's BatchNorm layers timed alone instead, `BatchNormOnly.swift`).
// `memgen-bench --blas PATH` measures only the MLPs' sgemm-only bound with another CBLAS library
// loaded at run time (e.g. Debian's BLIS), for comparing BLAS implementations on the same shapes.
//
// Allocation check used during development: with a uprobe on malloc
// (`perf probe -x /lib/x86_64-linux-gnu/libc.so.6 malloc`), `perf stat -e probe_libc:malloc`
// counts the mallocs of BENCH_EPOCHS=1 and BENCH_EPOCHS=3 runs: two more training epochs
// (938 steps) add a few mallocs per `Trainer.train` call and none per step.
import Datasets
import Foundation
import TrainingCore

let epochsPerMeasurement = Int(ProcessInfo.processInfo.environment["BENCH_EPOCHS"] ?? "") ?? 3
let batch = 128

/// 60,000 Fashion-MNIST training images if installed, else deterministic synthetic inputs.
func benchmarkData() -> (LabeledData, String) {
    if let data = try? FashionMNIST.load(split: .train), data.count == 60_000 {
        return (data, "Fashion-MNIST train (60,000 × 1×28×28)")
    }
    var rng = SeededGenerator(seed: 1)
    let n = 60_000
    let x = (0..<n * 784).map { _ in rng.nextFloat() }
    let y = (0..<n).map { _ in rng.nextInt(below: 10) }
    return (try! LabeledData(inputs: Tensor(shape: [n, 1, 28, 28], scalars: x), labels: y, classes: 10),
            "synthetic uniform inputs (60,000 × 1×28×28)")
}

func median(_ xs: [Double]) -> Double {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

/// Seconds for one training epoch of `model` over `data`.
func trainingEpoch(_ model: Model, data: LabeledData, rng: inout SeededGenerator) throws -> Double {
    let config = TrainingConfig(batchSize: batch, epochs: 1,
                                optimizer: .sgd(.init(learningRate: 0.01, momentum: 0.9)),
                                evaluateTrainSet: false, testEvery: 0, recordSteps: false, seed: 7)
    let clock = ContinuousClock()
    let start = clock.now
    _ = try Trainer.train(model: model, train: data, test: nil, config: config, rng: &rng)
    return seconds(clock.now - start)
}

/// `c = op(a)·op(b)` on row-major matrices: `(transposeA, transposeB, m, n, k, a, b, c)`.
typealias Sgemm = (Bool, Bool, Int, Int, Int, UnsafePointer<Float>, UnsafePointer<Float>, UnsafeMutablePointer<Float>) -> Void

/// The GEMM calls of one MLP step and nothing else: forward `x·Wᵀ` per layer, backward `dzᵀ·x`
/// per layer and `dz·W` for every layer but the first, on preallocated buffers.
final class SgemmOnlyStep {
    let widths: [Int]
    let acts: [UnsafeMutablePointer<Float>], grads: [UnsafeMutablePointer<Float>]
    let weights: [UnsafeMutablePointer<Float>], weightGrads: [UnsafeMutablePointer<Float>]
    let sgemm: Sgemm

    /// The step for layer widths `widths`, calling `sgemm` (OpenBLAS unless another BLAS is given).
    init(widths: [Int], sgemm: @escaping Sgemm = { ta, tb, m, n, k, a, b, c in BLAS.sgemm(ta, tb, m: m, n: n, k: k, a, b, c) }) {
        self.widths = widths
        self.sgemm = sgemm
        func buffer(_ n: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: n)
            p.initialize(repeating: 0.01, count: n)
            return p
        }
        acts = widths.map { buffer(batch * $0) }
        grads = widths.map { buffer(batch * $0) }
        weights = (0..<widths.count - 1).map { buffer(widths[$0] * widths[$0 + 1]) }
        weightGrads = (0..<widths.count - 1).map { buffer(widths[$0] * widths[$0 + 1]) }
    }

    deinit { for p in acts + grads + weights + weightGrads { p.deallocate() } }

    /// Seconds for the GEMMs of one epoch of `samples` inputs.
    func epoch(samples: Int) -> Double {
        let layers = widths.count - 1
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<(samples + batch - 1) / batch {
            for l in 0..<layers {
                sgemm(false, true, batch, widths[l + 1], widths[l], acts[l], weights[l], acts[l + 1])
            }
            for l in stride(from: layers - 1, through: 0, by: -1) {
                sgemm(true, false, widths[l + 1], widths[l], batch, grads[l + 1], acts[l], weightGrads[l])
                if l > 0 {
                    sgemm(false, false, batch, widths[l], widths[l + 1], grads[l + 1], weights[l], grads[l])
                }
            }
        }
        return seconds(clock.now - start)
    }
}

/// Samples/s of training epochs and, interleaved with them (so both see the same machine load),
/// of sgemm-only epochs when `widths` is given: medians, the median of the paired ratios (each
/// training epoch against the sgemm-only epoch right after it), and the ratio of the best epochs.
struct Measurement {
    var throughput: Double
    var bound: Double?
    var pairedRatio: Double?
    var bestRatio: Double?
    var splitBound: Double?
}

func measure(_ architecture: ModelArchitecture, widths: [Int]?, data: LabeledData, threads: Int) throws -> Measurement {
    var rng = SeededGenerator(seed: 7)
    let model = try Model(architecture: architecture, inputShape: [1, 28, 28], classes: 10, rng: &rng)
    let gemms = widths.map { SgemmOnlyStep(widths: $0) }
    // CNNs: the convolution-only bound runs on the team at `threads`, as the training step does.
    let convolutions = widths == nil ? ConvolutionOnlyStep(model: try Model(architecture: architecture, inputShape: [1, 28, 28],
                                                                            classes: 10, rng: &rng), batch: batch) : nil
    _ = try trainingEpoch(model, data: data, rng: &rng)     // warm-up: buffers, page faults, threads
    if let gemms { _ = BLAS.withOpenBLASThreads(threads) { gemms.epoch(samples: data.count) } }
    if let convolutions { _ = convolutions.epoch(samples: data.count) }
    var train: [Double] = [], bound: [Double] = [], split: [Double] = []
    for _ in 0..<epochsPerMeasurement {
        train.append(try trainingEpoch(model, data: data, rng: &rng))
        if let convolutions { bound.append(convolutions.epoch(samples: data.count)) }
        guard let gemms else { continue }
        bound.append(BLAS.withOpenBLASThreads(threads) { gemms.epoch(samples: data.count) })
        if threads > 1 { split.append(gemms.epoch(samples: data.count)) }
    }
    let n = Double(data.count)
    guard !bound.isEmpty else { return Measurement(throughput: n / median(train)) }
    return Measurement(throughput: n / median(train), bound: n / median(bound),
                       pairedRatio: median(zip(train, bound).map { $1 / $0 }),
                       bestRatio: bound.min()! / train.min()!,
                       splitBound: split.isEmpty ? nil : n / median(split))
}

func peakMemoryMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024   // Linux reports KiB
}

func format(_ x: Double) -> String { String(format: "%8.0f", x) }

/// REPLICATION.md §1 calibration: MLP 784-512-10, SGD 0.01 momentum 0.9, batch 128, 2,000
/// Fashion-MNIST images, true and random labels, until 99.9% train accuracy (BENCH_CALIBRATE=1).
func calibrate() throws {
    let train = try FashionMNIST.load(split: .train, limit: 2000)
    let test = try FashionMNIST.load(split: .test)
    var rng = SeededGenerator(seed: 1)
    let random = try LabelCorruption(fraction: 1).apply(to: train, rng: &rng).data
    for (name, data) in [("true labels", train), ("random labels", random)] {
        let config = TrainingConfig(batchSize: 128, epochs: 400, targetTrainAccuracy: 0.999, testEvery: 10,
                                    recordSteps: false, seed: 1)
        let clock = ContinuousClock()
        let start = clock.now
        let (model, history) = try Trainer.run(architecture: .mlp(hidden: [512]), train: data, test: test, config: config)
        let testAccuracy = Trainer.evaluate(model: model, data: test).accuracy
        print("calibration \(name): \(history.stopReason) after \(history.epochs.count) epochs, train accuracy "
              + String(format: "%.4f, test accuracy %.4f, %.1f s", history.final!.trainAccuracy, testAccuracy,
                       seconds(clock.now - start)))
    }
}

if ProcessInfo.processInfo.environment["BENCH_CALIBRATE"] == "1" {
    try calibrate()
    exit(0)
}

/// The width multiplier of the small Inception the course trains (chapter 2).
let inceptionWidth = 0.125

let benchmarks: [(String, ModelArchitecture, [Int]?)] = [
    ("MLP 784-512-10", .mlp(hidden: [512]), [784, 512, 10]),
    ("MLP 784-512-512-512-10", .mlp(hidden: [512, 512, 512]), [784, 512, 512, 512, 10]),
    ("small CNN (c32-p-c64-p-d128)", .smallCNN(), nil),
    ("small Inception ×⅛ (BN)", .smallInception(width: inceptionWidth, batchNorm: true), nil),
]
let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
/// `BENCH_CONV=im2col`: the CNN rows with the im2col lowering the book still trains with; by
/// default with oneDNN's direct kernels (``Conv2D/Backend``).
Conv2D.defaultBackend = Conv2D.Backend(rawValue: ProcessInfo.processInfo.environment["BENCH_CONV"] ?? "onednn") ?? .onednn
let threadCounts = (ProcessInfo.processInfo.environment["BENCH_THREADS"] ?? "1,2").split(separator: ",").compactMap { Int($0) }

/// `--blas PATH`: the sgemm-only bound of the MLPs with another CBLAS library (no training).
func sgemmOnlyBound(blas path: String) throws {
    let library = try AlternativeBLAS(path: path)
    print("memgen-bench --blas \(path)")
    print("kernels: \(library.kernels); batch \(batch); median of \(epochsPerMeasurement) sgemm-only epochs after 1 warm-up")
    print("")
    print("model                          threads  sgemm-only bound")
    for threads in threadCounts {
        library.set(threads: threads)
        for (name, _, widths) in benchmarks where only.map({ name.contains($0) }) ?? true {
            guard let widths else { continue }
            let step = SgemmOnlyStep(widths: widths, sgemm: library.sgemm)
            _ = step.epoch(samples: 60_000)
            let times = (0..<epochsPerMeasurement).map { _ in step.epoch(samples: 60_000) }
            print(name.padding(toLength: 31, withPad: " ", startingAt: 0) + "  \(threads)     " + format(60_000 / median(times)))
        }
    }
}

let arguments = CommandLine.arguments.dropFirst()
if let i = arguments.firstIndex(of: "--blas") {
    guard i + 1 < arguments.endIndex else {
        FileHandle.standardError.write(Data("usage: memgen-bench [--blas PATH-to-a-CBLAS-library]\n".utf8))
        exit(2)
    }
    do { try sgemmOnlyBound(blas: arguments[i + 1]) } catch {
        FileHandle.standardError.write(Data("\(error)\n".utf8))
        exit(1)
    }
    exit(0)
}

if ProcessInfo.processInfo.environment["BENCH_BATCHNORM"] == "1" {
    try batchNormOnly(threads: threadCounts)
    exit(0)
}

let (data, source) = benchmarkData()
print("memgen-bench — TrainingCore \(TrainingCore.version)")
print("OpenBLAS core: \(BLAS.coreName)   config: \(BLAS.configuration)")
print("products at 2+ threads: OpenBLAS single-threaded, split by TrainingCore into \(BLAS.splitDescription)")
print("OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "(unset)")")
print("data: \(source); batch \(batch); SGD lr 0.01 momentum 0.9; median of \(epochsPerMeasurement) epochs after 1 warm-up")
print("convolutions: \(Conv2D.defaultBackend == .onednn ? "oneDNN direct kernels, the book's path (BENCH_CONV=im2col for the im2col lowering)" : "im2col lowering onto sgemm")")
print("")
print("model                          threads  samples/s  sgemm-only bound  ratio  paired  best  split-GEMM bound  ratio")
print("                                                   (CNNs: convolution-only bound)")

for threads in threadCounts {
    BLAS.threads = threads
    for (name, architecture, widths) in benchmarks where only.map({ name.contains($0) }) ?? true {
        let m = try measure(architecture, widths: widths, data: data, threads: threads)
        var line = name.padding(toLength: 31, withPad: " ", startingAt: 0) + "  \(threads)     " + format(m.throughput)
        if let bound = m.bound, let paired = m.pairedRatio, let best = m.bestRatio {
            line += "     " + format(bound) + "      " + String(format: "%.2f   %.2f   %.2f", m.throughput / bound, paired, best)
        }
        if let split = m.splitBound {
            line += "  " + format(split) + "      " + String(format: "%.2f", m.throughput / split)
        }
        print(line)
    }
}
print("")
print(String(format: "peak memory (maxrss): %.0f MiB", peakMemoryMiB()))
