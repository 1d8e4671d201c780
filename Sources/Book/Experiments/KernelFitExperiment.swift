import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: kernel-fit` — the kernel interpolant `f(x) = Σᵢ αᵢ k(xᵢ, x)`, `Kα = Y` (one-hot), on image
/// pixels in [0, 1], with true or randomized labels and no regularizer (Zhang et al. 2017, §5).
///
/// The Gaussian kernel's bandwidth is a multiple of the median pairwise distance of the training
/// points; the polynomial kernel is `(⟨x, x′⟩ / d + 1)^degree`.
public struct KernelFitExperiment: ExperimentKind {
    public init() {}
    public var name: String { "kernel-fit" }
    public var version: String { "kernel-fit-2" }

    public var parameters: [SpecField] {
        [
            SpecField("data", .record([
                SpecField("set", .choice(["fashion-mnist", "mnist", "kmnist"]), default: .text("fashion-mnist"), "the data set"),
                SpecField("train", .integer(10...6000), default: .integer(2000), "training examples (the first n of the training split)"),
                SpecField("test", .integer(1...10000), default: .integer(2000), "test examples (the first n of the test split)"),
                SpecField("directory", .text, default: .text(""), "folder of the IDX files (empty: the Debian package's folder)"),
            ])),
            SpecField("corruption", .record([
                SpecField("labels", .number(0...1), default: .number(0), "fraction of training labels redrawn uniformly (1 = random labels)"),
            ])),
            SpecField("kernel", .variant([
                SpecVariant("gaussian", fields: [
                    SpecField("bandwidth", .number(0.01...100), default: .number(1), "bandwidth as a multiple of the median pairwise distance"),
                ], shorthand: "bandwidth"),
                SpecVariant("polynomial", fields: [
                    SpecField("degree", .integer(1...10), default: .integer(3)),
                ], shorthand: "degree"),
            ]), default: .record(["gaussian": .record(["bandwidth": .number(1)])])),
            SpecField("ridge", .number(0...1e6), default: .number(0), "λ in (K + λI)α = Y (0: the interpolant)"),
        ]
    }

    public func check(_ spec: SpecValue) throws(KindIssue) {}

    public func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] {
        spec.capping(["data.train": 200, "data.test": 200])
    }

    public func metrics(_ spec: SpecValue) -> MetricCatalog {
        MetricCatalog(series: [], scalars: ["train-accuracy", "test-accuracy", "max-train-residual", "rkhs-norm", "bandwidth", "seconds"])
    }

    private func location(_ spec: SpecValue) -> (ImageClassificationSet, String) {
        let set: ImageClassificationSet = ["mnist": .mnist, "kmnist": .kmnist][spec[path: "data.set"]!.textValue!] ?? .fashionMNIST
        let dir = spec[path: "data.directory"]!.textValue!
        return (set, dir.isEmpty ? set.defaultDirectory : dir)
    }

    public func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String {
        let (_, dir) = location(spec)
        let names = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]
        let parts = try names.map { name -> String in
            let base = (dir as NSString).appendingPathComponent(name)
            return try context.fileDigest(FileManager.default.fileExists(atPath: base + ".gz") ? base + ".gz" : base)
        }
        return SHA256.hex(parts.joined(separator: "\n"))
    }

    public func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        let start = Date()
        let (set, dir) = location(spec)
        let trainCount = spec[path: "data.train"]!.intValue!, testCount = spec[path: "data.test"]!.intValue!
        let fullTrain = try context.shared("\(set.rawValue) train \(dir)") { try set.load(split: .train, directory: dir) }
        let fullTest = try context.shared("\(set.rawValue) test \(dir)") { try set.load(split: .test, directory: dir) }
        guard trainCount <= fullTrain.count, testCount <= fullTest.count else {
            throw BookError("kernel-fit asks for \(trainCount)/\(testCount) examples but \(dir) has \(fullTrain.count)/\(fullTest.count)")
        }
        var train = fullTrain.prefix(trainCount)
        let test = fullTest.prefix(testCount)
        var dataRNG = SeededGenerator(seed: seed, stream: "data")
        let fraction = spec[path: "corruption.labels"]!.doubleValue!
        if fraction > 0 { train = try LabelCorruption(fraction: fraction).apply(to: train, rng: &dataRNG).data }

        let d = train.sampleSize
        let x = train.inputs.scalars.map(Double.init)       // (n, d)
        let xTest = test.inputs.scalars.map(Double.init)    // (m, d)
        let kernel: Kernel
        var bandwidth = Double.nan
        let (kernelName, fields) = spec[path: "kernel"]!.variantCase!
        if kernelName == "polynomial" {
            kernel = .polynomial(degree: fields["degree"]!.intValue!, scale: Double(d), offset: 1)
        } else {
            bandwidth = fields["bandwidth"]!.doubleValue! * Self.medianDistance(x, count: trainCount, dimension: d)
            kernel = .gaussian(bandwidth: bandwidth)
        }
        let targets = try KernelInterpolation.oneHot(labels: train.labels, classes: train.classes)   // (n, k)
        let model = try KernelInterpolation(kernel: kernel, inputs: x, count: trainCount, dimension: d,
                                            targets: targets, outputs: train.classes, ridge: spec[path: "ridge"]!.doubleValue!)
        context.progress(RunProgress(epoch: 1, epochs: 2, loss: 0, accuracy: 0))
        let fitted = try model.predict(x)                   // (n, k)
        var residual = 0.0
        for i in fitted.indices { residual = max(residual, abs(fitted[i] - targets[i])) }
        let trainPredictions = Self.argmax(fitted, columns: train.classes)
        let testPredictions = try model.classify(xTest)
        // ‖f‖²_H = Σ_c α_cᵀ K α_c = Σ_c α_cᵀ y_c (K α = Y) when the fit interpolates.
        var rkhs = 0.0
        for i in fitted.indices { rkhs += model.coefficients[i] * fitted[i] }

        var m = Measurements()
        m.scalars["train-accuracy"] = Self.accuracy(trainPredictions, train.labels)
        m.scalars["test-accuracy"] = Self.accuracy(testPredictions, test.labels)
        m.scalars["max-train-residual"] = residual
        m.scalars["rkhs-norm"] = max(rkhs, 0).squareRoot()
        m.scalars["bandwidth"] = bandwidth
        m.scalars["seconds"] = Date().timeIntervalSince(start)
        return m
    }

    /// The median Euclidean distance over pairs of the first (up to) 500 points.
    static func medianDistance(_ x: [Double], count n: Int, dimension d: Int) -> Double {
        let m = min(n, 500)
        var distances: [Double] = []
        distances.reserveCapacity(m * (m - 1) / 2)
        for i in 0..<m {
            for j in (i + 1)..<m {
                var s = 0.0
                for k in 0..<d { let t = x[i * d + k] - x[j * d + k]; s += t * t }
                distances.append(s.squareRoot())
            }
        }
        guard !distances.isEmpty else { return 1 }
        distances.sort()
        let median = distances[distances.count / 2]
        return median > 0 ? median : 1
    }

    static func argmax(_ values: [Double], columns: Int) -> [Int] {
        (0..<(values.count / columns)).map { i in
            var best = 0
            for c in 1..<columns where values[i * columns + c] > values[i * columns + best] { best = c }
            return best
        }
    }

    static func accuracy(_ predicted: [Int], _ labels: [Int]) -> Double {
        guard !labels.isEmpty else { return .nan }
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }
}
