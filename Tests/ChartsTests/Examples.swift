import Foundation
@testable import Charts

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

/// SplitMix64, so example data is the same on every run and platform.
struct ExampleRNG {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
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
