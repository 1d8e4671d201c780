import Foundation

/// "Nice" tick positions and their labels.
///
/// Linear ticks are multiples of 1, 2, 2.5 or 5 × 10^k (Heckbert, "Nice numbers for graph labels",
/// Graphics Gems, 1990), chosen so roughly `target` of them fall inside the range. Log ticks sit at
/// powers of ten; when the range spans less than one decade, 2× and 5× multiples are added.
enum Ticks {
    /// The nice step closest to `raw` on a log scale (a nice step is 1, 2, 2.5 or 5 times a
    /// power of ten).
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, (log10(raw)).rounded(.down))
        let candidates = [1.0, 2, 2.5, 5, 10].map { $0 * p }
        return candidates.min { abs(log($0 / raw)) < abs(log($1 / raw)) }!
    }

    /// Nice tick values inside `lo...hi`: of the nice steps near `(hi − lo) / (target − 1)`, the
    /// one whose tick count is closest to `target` (ties go to the finer step).
    static func linear(_ lo: Double, _ hi: Double, target: Int = 6) -> [Double] {
        guard hi > lo, lo.isFinite, hi.isFinite else { return [lo] }
        let raw = (hi - lo) / Double(max(target - 1, 1))
        let p = pow(10, log10(raw).rounded(.down))
        var best: [Double] = []
        for m in [0.5, 1, 2, 2.5, 5, 10] {
            let t = ticks(lo, hi, step: m * p)
            if best.isEmpty || abs(t.count - target) < abs(best.count - target) { best = t }
        }
        return best
    }

    /// All multiples of `step` inside `lo...hi`, with values near zero snapped to exactly zero.
    static func ticks(_ lo: Double, _ hi: Double, step: Double) -> [Double] {
        var out: [Double] = []
        var k = (lo / step - 1e-9).rounded(.up)
        while k * step <= hi + step * 1e-9 && out.count < 200 {
            let v = k * step
            out.append(abs(v) < step * 1e-9 ? 0 : v)
            k += 1
        }
        return out
    }

    /// Major ticks for a log axis over `lo...hi` (both positive).
    static func logMajor(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi > lo else { return [lo] }
        let e0 = Int((log10(lo) - 1e-9).rounded(.up)), e1 = Int((log10(hi) + 1e-9).rounded(.down))
        let decades = e1 - e0 + 1
        if decades >= 3 {
            let stride = decades > 16 ? 4 : decades > 8 ? 2 : 1
            return Swift.stride(from: e0, through: e1, by: stride).map { pow(10, Double($0)) }
        }
        // Fewer than three powers of ten inside (two labels at most): add 2× and 5× multiples.
        var ticks: [Double] = []
        for e in (e0 - 1)...(e1 + 1) {
            for m in [1.0, 2, 5] {
                let v = m * pow(10, Double(e))
                if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { ticks.append(v) }
            }
        }
        if ticks.count >= 2 { return ticks }
        // Under a factor of ~2.5: fall back to linear nice ticks, which are all positive here.
        return linear(lo, hi, target: 4).filter { $0 > 0 }
    }

    /// Unlabelled minor ticks (2…9 × 10^k) for a log axis, when it spans at most eight decades.
    static func logMinor(_ lo: Double, _ hi: Double) -> [Double] {
        guard lo > 0, hi > lo, log10(hi / lo) <= 8 else { return [] }
        let e0 = Int(log10(lo).rounded(.down)), e1 = Int(log10(hi).rounded(.up))
        var ticks: [Double] = []
        for e in e0...e1 {
            for m in 2...9 {
                let v = Double(m) * pow(10, Double(e))
                if v >= lo && v <= hi { ticks.append(v) }
            }
        }
        return ticks
    }

    /// Labels for linear ticks, all with the same number of decimals. Large whole numbers get the
    /// `k` / `M` suffixes usual for step and parameter counts (50k, 1.5M); other very large or very
    /// small magnitudes share one power of ten (`2.5×10^{−5}`).
    static func linearLabels(_ ticks: [Double]) -> [String] {
        guard ticks.count > 0 else { return [] }
        let step = ticks.count > 1 ? abs(ticks[1] - ticks[0]) : max(abs(ticks[0]), 1)
        let biggest = ticks.map(abs).max() ?? 0
        let whole = ticks.allSatisfy { abs($0 - $0.rounded()) < 1e-9 }
        if whole && biggest >= 1e4 && biggest < 1e9 {
            let (unit, suffix) = biggest >= 1e6 ? (1e6, "M") : (1e3, "k")
            let d = decimals(for: step / unit)
            return ticks.map { $0 == 0 ? "0" : fixed($0 / unit, decimals: d) + suffix }
        }
        if biggest >= 1e5 || (biggest > 0 && biggest < 1e-3) {
            let e = Int(log10(biggest).rounded(.down))
            let p = pow(10, Double(e))
            let d = decimals(for: step / p)
            return ticks.map { $0 == 0 ? "0" : fixed($0 / p, decimals: d) + "×10^{\(minus(String(e)))}" }
        }
        let d = decimals(for: step)
        return ticks.map { fixed($0, decimals: d) }
    }

    /// Decimals needed to print multiples of `step` exactly (0.25 needs 2, 2.5 needs 1, 20 needs 0).
    static func decimals(for step: Double) -> Int {
        var d = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
        while d < 8 && abs(step * pow(10, Double(d)) - (step * pow(10, Double(d))).rounded()) > 1e-6 * max(1, step * pow(10, Double(d))) {
            d += 1
        }
        return d
    }

    /// Labels for log (and symmetric-log) ticks, all in one notation: `10^{k}` when every nonzero
    /// tick is a power of ten; otherwise plain numbers (1, 2, 5, 10) when all lie in 0.001…10⁵,
    /// else `m×10^{k}` for all. (Mixing "2" with "10⁰" on one axis reads as two different scales.)
    static func logLabels(_ ticks: [Double]) -> [String] {
        let nonzero = ticks.filter { $0 != 0 }
        let powers = nonzero.allSatisfy { v in
            let e = log10(abs(v))
            return abs(e - e.rounded()) < 1e-9
        }
        if powers {
            return ticks.map { v in
                if v == 0 { return "0" }
                let k = Int(log10(abs(v)).rounded())
                return minus((v < 0 ? "-" : "") + "10^{\(k)}")
            }
        }
        let plain = nonzero.allSatisfy { abs($0) >= 1e-3 && abs($0) < 1e5 }
        return ticks.map { plain ? compact($0) : scientific($0) }
    }

    /// Major ticks for a symmetric-log axis: 0 (when inside) and ±10^k for the powers of ten at or
    /// above the linear width, thinned like log ticks; a range inside the linear part gets linear ticks.
    static func symlogMajor(_ lo: Double, _ hi: Double, linearWidth c: Double) -> [Double] {
        let top = max(abs(lo), abs(hi))
        guard top > c * 1.5 else { return linear(lo, hi) }
        let e0 = Int((log10(c) - 1e-9).rounded(.up)), e1 = Int((log10(top) + 1e-9).rounded(.down))
        guard e1 >= e0 else { return linear(lo, hi) }
        let decades = e1 - e0 + 1, stride = decades > 12 ? 3 : decades > 6 ? 2 : 1
        let powers = Swift.stride(from: e0, through: e1, by: stride).map { pow(10, Double($0)) }
        var ticks = powers.reversed().map { -$0 }.filter { $0 >= lo - abs(lo) * 1e-9 }
        if lo <= 0 && hi >= 0 { ticks.append(0) }
        ticks += powers.filter { $0 <= hi * (1 + 1e-9) }
        return ticks.count >= 2 ? ticks : linear(lo, hi)
    }

    /// A number with a fixed number of decimals and a typographic minus sign.
    static func fixed(_ v: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v == 0 ? 0 : v)
        return minus(s == "-0" ? "0" : s)
    }

    /// A short form of a number for labels: up to 3 significant digits.
    static func compact(_ v: Double) -> String {
        if v == 0 { return "0" }
        let a = abs(v)
        if a >= 1e5 || a < 1e-3 { return scientific(v) }
        var s = String(format: "%.3g", v)
        if s.contains("e") { s = String(format: "%.0f", v) }
        return minus(s)
    }

    /// `m×10^{e}` markup with at most 3 significant digits in `m`.
    static func scientific(_ v: Double) -> String {
        if v == 0 { return "0" }
        let e = Int(log10(abs(v)).rounded(.down))
        var m = v / pow(10, Double(e))
        m = (m * 100).rounded() / 100
        var ms = String(format: "%g", m)
        if ms == "1" { ms = "" } else if ms == "-1" { ms = "-" } else { ms += "×" }
        return minus(ms + "10^{\(e)}")
    }

    /// Replaces ASCII hyphen-minus with the typographic minus sign U+2212.
    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "\u{2212}") }
}
