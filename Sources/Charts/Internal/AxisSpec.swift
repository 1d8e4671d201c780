import Foundation

/// A resolved axis: its data domain, tick positions and labels, ready for layout.
struct AxisSpec {
    var label: String
    var scale: Axis.Scale
    var lo: Double
    var hi: Double
    var ticks: [Double]
    var tickLabels: [String]
    var minorTicks: [Double] = []
    var grid: Bool = true
    /// Categorical axes (bars, heat-map rows) may rotate long tick labels.
    var categorical: Bool = false

    /// Position of `v` as a fraction 0...1 of the axis length.
    func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v - lo) / (hi - lo)
        case .log: return (log10(v) - log10(lo)) / (log10(hi) - log10(lo))
        case .symlog(let c):
            let t0 = Self.symlog(lo, c), t1 = Self.symlog(hi, c)
            return (Self.symlog(v, c) - t0) / (t1 - t0)
        }
    }

    /// The symmetric-log transform sign(v)·log10(1 + |v| / c), and its inverse.
    static func symlog(_ v: Double, _ c: Double) -> Double { (v < 0 ? -1 : 1) * log10(1 + abs(v) / c) }
    static func symexp(_ t: Double, _ c: Double) -> Double { (t < 0 ? -1 : 1) * c * (pow(10, abs(t)) - 1) }

    /// A numeric axis fitted to `values` (which must already be validated as finite, and positive
    /// for a log axis), or to the axis' fixed range.
    static func numeric(_ axis: Axis, values: [Double], includeZero: Bool = false,
                        padFraction: Double = 0.04, what: String) throws(ChartError) -> AxisSpec {
        var lo: Double, hi: Double
        if let r = axis.range {
            guard r.lowerBound.isFinite, r.upperBound.isFinite, r.upperBound > r.lowerBound else {
                throw ChartError.invalidParameter("\(what) axis range \(r) must be finite with lower < upper")
            }
            if case .symlog(let c) = axis.scale, !(c.isFinite && c > 0) {
                throw ChartError.invalidParameter("\(what) axis: symlog linear width \(c) must be positive and finite")
            }
            if axis.scale == .log && r.lowerBound <= 0 {
                throw ChartError.nonPositiveOnLogAxis("\(what) axis range \(r) starts at or below 0")
            }
            lo = r.lowerBound; hi = r.upperBound
        } else {
            let finite = values.filter { $0.isFinite && (axis.scale != .log || $0 > 0) }
            guard let mn = finite.min(), let mx = finite.max() else {
                throw ChartError.emptyData("no finite values for the \(what) axis")
            }
            lo = mn; hi = mx
            switch axis.scale {
            case .linear:
                var padLo = true
                if includeZero && lo >= 0 { lo = 0; padLo = false }
                if includeZero && hi <= 0 { hi = 0 }
                if hi == lo { let d = lo == 0 ? 1 : abs(lo) * 0.1; lo -= d; hi += d }
                let span = hi - lo
                if padLo { lo -= span * padFraction }
                if !(includeZero && hi == 0) { hi += span * padFraction }
            case .log:
                var l0 = log10(lo), l1 = log10(hi)
                if l1 == l0 { l0 -= 0.5; l1 += 0.5 }
                let span = l1 - l0
                lo = pow(10, l0 - span * padFraction); hi = pow(10, l1 + span * padFraction)
            case .symlog(let c):
                guard c.isFinite, c > 0 else {
                    throw ChartError.invalidParameter("\(what) axis: symlog linear width \(c) must be positive and finite")
                }
                var t0 = symlog(lo, c), t1 = symlog(hi, c)
                if t1 == t0 { t0 -= 0.5; t1 += 0.5 }
                let span = t1 - t0
                // Zero stays on the edge when the data starts or ends there (no negative margin).
                lo = lo == 0 ? 0 : symexp(t0 - span * padFraction, c)
                hi = hi == 0 ? 0 : symexp(t1 + span * padFraction, c)
            }
        }
        switch axis.scale {
        case .linear:
            var t = Ticks.linear(lo, hi)
            // Whole-number data (checkpoints, layers, epochs) gets no fractional ticks such as 1.5.
            let whole = !values.isEmpty && values.allSatisfy { !$0.isFinite || $0 == $0.rounded() }
            if whole && t.count >= 2 && t[1] - t[0] < 1 && hi - lo >= 1 { t = Ticks.ticks(lo, hi, step: 1) }
            return AxisSpec(label: axis.label, scale: .linear, lo: lo, hi: hi, ticks: t, tickLabels: Ticks.linearLabels(t))
        case .log:
            let t = Ticks.logMajor(lo, hi)
            // Ticks of the form {1, 2, 5} × 10^k get log labels; the linear fallback gets linear ones.
            let logStyle = t.allSatisfy { v in
                let m = v / pow(10, log10(v).rounded(.down))
                return [1.0, 2, 5].contains { abs(m - $0) < 1e-6 }
            }
            let labels = logStyle ? Ticks.logLabels(t) : Ticks.linearLabels(t)
            return AxisSpec(label: axis.label, scale: .log, lo: lo, hi: hi, ticks: t, tickLabels: labels,
                            minorTicks: Ticks.logMinor(lo, hi))
        case .symlog(let c):
            let t = Ticks.symlogMajor(lo, hi, linearWidth: c)
            return AxisSpec(label: axis.label, scale: axis.scale, lo: lo, hi: hi, ticks: t, tickLabels: Ticks.logLabels(t))
        }
    }

    /// A categorical axis with one slot per name, slot `i` centred at `i`.
    static func categorical(_ label: String, names: [String]) -> AxisSpec {
        AxisSpec(label: label, scale: .linear, lo: -0.5, hi: Double(names.count) - 0.5,
                 ticks: names.indices.map(Double.init), tickLabels: names, grid: false, categorical: true)
    }
}
