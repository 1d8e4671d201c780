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
