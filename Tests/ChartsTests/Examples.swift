import Foundation
@testable import Charts
import TrainingCore

/// Where example figures are written so a person can look at them.
enum Examples {
    static let folder: String = {
        let dir = ProcessInfo.processInfo.environment["MEMGEN_CHARTS_OUT"] ?? "/tmp/memgen-charts"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }()

    static func path(_ name: String) -> String { folder + "/" + name + ".png" }

    /// Training-curve-like data: a decaying loss with a small deterministic wiggle.
    static func curve(epochs: Int, start: Double, rate: Double, floor: Double, phase: Double) -> [Double] {
        (0..<epochs).map { (e: Int) -> Double in
            let t = Double(e)
            let wiggle: Double = 1 + 0.05 * sin(t * 0.9 + phase)
            return floor + start * exp(-rate * t) * wiggle
        }
    }

    static func linePlot() -> LinePlot {
        let epochs = (0..<60).map(Double.init)
        let clean = curve(epochs: 60, start: 2.3, rate: 0.12, floor: 0.01, phase: 0)
        let random = curve(epochs: 60, start: 2.3, rate: 0.05, floor: 0.02, phase: 1)
        let spread = random.map { $0 * 0.25 }
        return LinePlot(
            title: "Training loss: true vs random labels",
            xAxis: Axis("epoch"), yAxis: Axis("training loss", scale: .log),
            series: [Series("true labels", x: epochs, y: clean),
                     Series.meanAndSpread("random labels (mean ± std, 3 seeds)", x: epochs, mean: random, spread: spread),
                     Series("shuffled pixels", x: epochs, y: curve(epochs: 60, start: 2.3, rate: 0.07, floor: 0.015, phase: 2),
                            lineStyle: .dashed)],
            referenceLines: [.vertical(at: 40, label: "lr decay")])
    }
}

extension Examples {
    /// An information-plane-like picture: per layer, I(X;T) rises then falls while I(T;Y) rises.
    static func informationPlane() -> ScatterPlot {
        let epochs = (0..<40).map { pow(10, Double($0) / 13) }   // 1 … ~1000, log-spaced
        let layers = (0..<5).map { layer -> ScatterSeries in
            let l = Double(layer)
            let ixt = epochs.map { e -> Double in
                let t = log10(e) / 3
                return 12 - 2 * l - (3 - 0.4 * l) * t * t + 1.2 * (1 - l / 5) * t
            }
            let ity = epochs.map { e -> Double in
                let t = log10(e) / 3
                return 0.98 - 0.12 * l * (1 - t) - 0.5 * exp(-6 * t) * (1 - 0.1 * l)
            }
            return ScatterSeries("layer \(layer + 1)", x: ixt, y: ity, values: epochs,
                                 marker: Marker.distinct[layer % Marker.distinct.count], connect: true)
        }
        return ScatterPlot(title: "Information plane", xAxis: Axis("I(X;T) (bits)"), yAxis: Axis("I(T;Y) (bits)"),
                           series: layers, colorScale: ColorScale("epoch", scale: .log))
    }
}

/// The core's seeded generator, so example data is the same on every run and platform.
struct ExampleRNG {
    private var base: SeededGenerator
    init(state: UInt64) { base = SeededGenerator(seed: state, stream: "chart examples") }
    mutating func next() -> UInt64 { base.next() }
    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func normal() -> Double {
        let u = max(uniform(), 1e-300), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

extension Examples {
    static func overlaidHistogram() -> Histogram {
        var rng = ExampleRNG(state: 7)
        let real = (0..<2000).map { _ in min(1, max(0, 0.75 + 0.15 * rng.normal())) }
        let random = (0..<2000).map { _ in min(1, max(0, 0.12 + 0.08 * rng.normal())) }
        return Histogram(title: "Per-example accuracy after the first epoch",
                         xAxis: Axis("accuracy over 10 augmented views"), yAxis: Axis("examples"),
                         series: [HistogramSeries("real labels", values: real),
                                  HistogramSeries("random labels", values: random)],
                         bins: 25, binRange: 0...1)
    }

    static func spectrumHistogram() -> Histogram {
        var rng = ExampleRNG(state: 11)
        // A bulk near zero plus a few large outliers, like a Hessian spectrum.
        var eig = (0..<3000).map { _ in 0.05 * rng.normal() }
        eig += (0..<12).map { k in 2 + Double(k) * 1.7 + rng.uniform() }
        return Histogram(title: "Hessian eigenvalue spectrum", xAxis: Axis("eigenvalue λ"),
                         yAxis: Axis("count", scale: .log), series: [HistogramSeries("", values: eig)],
                         bins: 80, referenceLines: [.vertical(at: 0, label: "λ = 0")])
    }
}

extension Examples {
    static func groupedBars() -> BarChart {
        BarChart(title: "Accuracy with and without explicit regularizers",
                 categories: ["none", "weight decay", "dropout", "data augmentation", "all three"],
                 groups: [BarGroup("train", values: [1.0, 1.0, 0.99, 0.98, 0.95], errors: [0, 0, 0.005, 0.01, 0.01]),
                          BarGroup("test", values: [0.86, 0.87, 0.88, 0.89, 0.90], errors: [0.01, 0.012, 0.009, 0.008, 0.01]),
                          BarGroup("test, random labels", values: [0.1, 0.1, 0.1, 0.1, 0.1])],
                 xLabel: "regularizer", yAxis: Axis("accuracy", range: 0...1.1),
                 referenceLines: [.horizontal(at: 0.1, label: "chance")], showValues: true)
    }
}

extension Examples {
    static func heatMap() -> HeatMap {
        let widths = [16, 32, 64, 128, 256, 512]
        let depths = [1, 2, 3, 4]
        let values = depths.map { d in
            widths.map { w in 0.35 * exp(-Double(w) / 120) + 0.04 * Double(d) + 0.08 }
        }
        return HeatMap(title: "Test error after fitting random labels", values: values,
                       rowLabels: depths.map { "\($0)" }, columnLabels: widths.map { "\($0)" },
                       xLabel: "hidden units per layer", yLabel: "hidden layers",
                       colorScale: ColorScale("test error"), showValues: true)
    }

    /// 28×28 stand-ins for data samples: an ellipse, a ring and a bar, each with a soft edge.
    static func shapes() -> [[Double]] {
        func image(_ f: (Double, Double) -> Double) -> [Double] {
            (0..<(28 * 28)).map { i in
                let x = (Double(i % 28) - 13.5) / 10, y = (Double(i / 28) - 13.5) / 10
                return min(1, max(0, f(x, y)))
            }
        }
        return [image { x, y in 3 * (1 - (x * x / 0.8 + y * y / 1.5)) },
                image { x, y in 1 - abs((x * x + y * y).squareRoot() - 0.8) * 5 },
                image { x, y in (abs(x) < 0.35 && abs(y) < 1.1) ? 0.9 - 0.3 * y : 0 }]
    }

    static func imageGrid() -> ImageGrid {
        var rng = ExampleRNG(state: 3)
        let clean = shapes()
        let shuffled = clean.map { img -> [Double] in
            var out = img
            for i in stride(from: out.count - 1, to: 0, by: -1) {
                let j = Int(rng.next() % UInt64(i + 1))
                out.swapAt(i, j)
            }
            return out
        }
        let random = clean.map { _ in (0..<(28 * 28)).map { _ in rng.uniform() } }
        let gaussian = clean.map { _ in (0..<(28 * 28)).map { _ in rng.normal() } }
        let rows: [[GridImage]] = [
            clean.map { GridImage(width: 28, height: 28, gray: $0) },
            shuffled.map { GridImage(width: 28, height: 28, gray: $0) },
            random.map { GridImage(width: 28, height: 28, gray: $0) },
            gaussian.map { GridImage(width: 28, height: 28, gray: $0, range: -2.5...2.5) },
        ]
        return ImageGrid(title: "Samples under each corruption", images: rows,
                         rowLabels: ["true data", "shuffled pixels", "random pixels", "Gaussian"],
                         columnLabels: ["ellipse", "ring", "bar"])
    }
}

extension Examples {
    /// A double-descent-like curve against model size on a log axis, with the interpolation threshold.
    static func doubleDescent() -> LinePlot {
        let params = (0..<25).map { pow(10, 2.5 + Double($0) * 0.125) }
        let threshold = 4000.0
        func testError(_ p: Double, _ noise: Double) -> Double {
            let r = log10(p / threshold)
            return 0.18 + noise * exp(-r * r / 0.05) + 0.25 * exp(-(log10(p) - 2.5) * 1.5) - 0.02 * max(r, 0)
        }
        let trainError = params.map { p in max(0.0, 0.3 * (1 - log10(p) / log10(threshold))) }
        return LinePlot(title: "Test error against model size",
                        xAxis: Axis("parameters", scale: .log), yAxis: Axis("error"),
                        series: [Series("test, 20% label noise", x: params, y: params.map { testError($0, 0.25) }, marker: .circle),
                                 Series("test, no noise", x: params, y: params.map { testError($0, 0.06) }, marker: .square),
                                 Series("train, 20% label noise", x: params, y: trainError, lineStyle: .dashed)],
                        referenceLines: [.vertical(at: threshold, label: "#params = #samples × classes")])
    }
}
