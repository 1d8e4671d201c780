/// A reference to a recorded metric: `train-accuracy` (a scalar, or a series' last value),
/// or a series reduced with `max(…)`, `min(…)`, `first(…)`, `last(…)`.
struct MetricReference: Sendable, Equatable, CustomStringConvertible {
    enum Reduction: String, Sendable { case last, first, max, min }
    var name: String
    var reduction: Reduction?

    init(_ text: String) {
        for r in ["max", "min", "first", "last"] where text.hasPrefix("\(r)(") && text.hasSuffix(")") {
            name = String(text.dropFirst(r.count + 1).dropLast())
            reduction = Reduction(rawValue: r)
            return
        }
        name = text
        reduction = nil
    }

    var description: String { reduction.map { "\($0.rawValue)(\(name))" } ?? name }

    /// The value of this metric in one run's measurements.
    func value(in m: Measurements) -> Double? {
        if reduction == nil, let s = m.scalars[name] { return s }
        guard let series = m.series[name], !series.isEmpty else { return nil }
        switch reduction ?? .last {
        case .last: return series.last
        case .first: return series.first
        case .max: return series.max()
        case .min: return series.min()
        }
    }
}
