import Foundation
import TrainingCore
import Datasets
import Probes

/// `kind: kernel-fit` — the kernel interpolant `f(x) = Σᵢ αᵢ k(xᵢ, x)`, `Kα = Y` (one-hot), on image
/// pixels in [0, 1], with true or randomized labels and no regularizer (Zhang et al. 2017, §5).
///
/// The Gaussian kernel's bandwidth is a multiple of the median pairwise distance of the training
/// points; the polynomial kernel is `(⟨x, x′⟩ / d + 1)^degree`.
public struct KernelFitExperiment: Experiment {
    public struct Parameters: SpecRecord {
        var data = ImageDataSection(train: 2000, test: 2000, trainLimit: 10...6000, testLimit: 1...10000)
        var corruption = LabelNoiseSection()
        var kernel = KernelChoice.gaussian(.init())
        var ridge = 0.0
        var draw = Draw.first
        /// Which training images a run sees.
        enum Draw: String, SpecChoice { case first, random }
        public static let fields: [SpecParameter<Self>] = [
            SpecParameter("data", \.data),
            SpecParameter("corruption", \.corruption),
            SpecParameter("kernel", \.kernel),
            SpecParameter("ridge", \.ridge, 0...1e6, "λ in (K + λI)α = Y (0: the interpolant)"),
            SpecParameter("draw", \.draw, "training images: the first data.train of the split, or data.train drawn at random by the seed (seeds then measure the spread over subsets)"),
        ]
        public init() {}
    }

    /// The kernel: Gaussian with a bandwidth relative to the median distance, or polynomial.
    enum KernelChoice: SpecVariantValue {
        case gaussian(Gaussian), polynomial(Polynomial)
        struct Gaussian: SpecRecord {
            var bandwidth = 1.0
            static let fields: [SpecParameter<Self>] = [
                SpecParameter("bandwidth", \.bandwidth, 0.01...100, "bandwidth as a multiple of the median pairwise distance"),
            ]
        }
        struct Polynomial: SpecRecord {
            var degree = 3
            static let fields: [SpecParameter<Self>] = [SpecParameter("degree", \.degree, 1...10)]
        }
        static let cases: [SpecCase<Self>] = [
            SpecCase("gaussian", Gaussian.self, shorthand: "bandwidth", KernelChoice.gaussian) { if case .gaussian(let g) = $0 { g } else { nil } },
            SpecCase("polynomial", Polynomial.self, shorthand: "degree", KernelChoice.polynomial) { if case .polynomial(let k) = $0 { k } else { nil } },
        ]
    }

    public init() {}
    public var name: String { "kernel-fit" }
    public var version: String { "kernel-fit-3" }
    public var quickCaps: KeyValuePairs<String, Int> { ["data.train": 200, "data.test": 200] }

    public func metrics(_ p: Parameters) -> MetricCatalog {
        MetricCatalog(series: [], scalars: ["train-accuracy", "test-accuracy", "max-train-residual", "rkhs-norm", "bandwidth", "seconds"])
    }

    public func dataSources(_ p: Parameters) -> [any DataSource] { [p.draw == .random ? p.data.wholeSplitSource : p.data.source] }

    public func run(_ p: Parameters, seed: UInt64, context: RunContext) throws -> Measurements {
        let start = Date()
        let (train, testSet, _) = try p.draw == .random
            ? p.data.loadDrawn(corruption: p.corruption.corruption, seed: seed)
            : p.data.load(corruption: p.corruption.corruption, seed: seed)
        guard let test = testSet else { throw BookError("kernel-fit needs test images (data.test ≥ 1)") }
        let trainCount = train.count
        let d = train.sampleSize
        let x = train.inputs.scalars.map(Double.init)       // (n, d)
        let xTest = test.inputs.scalars.map(Double.init)    // (m, d)
        let kernel: Kernel
        var bandwidth = Double.nan
        switch p.kernel {
        case .polynomial(let k):
            kernel = .polynomial(degree: k.degree, scale: Double(d), offset: 1)
        case .gaussian(let g):
            bandwidth = g.bandwidth * Self.medianDistance(x, count: trainCount, dimension: d)
            kernel = .gaussian(bandwidth: bandwidth)
        }
        let targets = try KernelInterpolation.oneHot(labels: train.labels, classes: train.classes)   // (n, k)
        let model = try KernelInterpolation(kernel: kernel, inputs: x, count: trainCount, dimension: d,
                                            targets: targets, outputs: train.classes, ridge: p.ridge)
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
