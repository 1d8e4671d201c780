/// Compares a retrained result with the committed one, bit for bit apart from wall-clock timing.
///
/// Timing is `provenance.wallSeconds` and every metric that measures wall-clock time: a series or
/// scalar named `seconds`, or whose name starts with `seconds-` or ends with `-seconds`
/// (`seconds-per-step`). Everything else — the spec, key, seed, versions, data digest, thread count,
/// and every other series and scalar value — must be identical (NaN equals NaN of the same bits).
enum ResultComparison {
    /// Whether a metric name measures wall-clock time.
    static func isTiming(_ metric: String) -> Bool {
        metric == "seconds" || metric.hasPrefix("seconds-") || metric.hasSuffix("-seconds")
    }

    /// The differences between `committed` and `retrained`, one line each (empty: identical).
    static func differences(committed a: RunResult, retrained b: RunResult) -> [String] {
        var out: [String] = []
        let p = a.provenance, q = b.provenance
        let fields: [(String, String, String)] = [
            ("experiment", p.experiment, q.experiment), ("kind", p.kind, q.kind), ("spec", p.spec, q.spec),
            ("key", p.key, q.key), ("seed", "\(p.seed)", "\(q.seed)"), ("core version", p.coreVersion, q.coreVersion),
            ("kind version", p.kindVersion, q.kindVersion), ("data digest", p.dataDigest, q.dataDigest),
            ("threads", "\(p.threads)", "\(q.threads)"),
        ]
        for (name, x, y) in fields where x != y { out.append("\(name): committed \(x), retrained \(y)") }
        let ma = a.measurements, mb = b.measurements
        for name in Set(ma.series.keys).union(mb.series.keys).sorted() where !isTiming(name) {
            guard let x = ma.series[name], let y = mb.series[name] else {
                out.append("series \(name): \(ma.series[name] == nil ? "only retrained" : "only committed")")
                continue
            }
            if x.count != y.count {
                out.append("series \(name): \(x.count) values committed, \(y.count) retrained")
            } else if let i = x.indices.first(where: { x[$0].bitPattern != y[$0].bitPattern }) {
                out.append("series \(name)[\(i)]: committed \(x[i]), retrained \(y[i])")
            }
        }
        for name in Set(ma.scalars.keys).union(mb.scalars.keys).sorted() where !isTiming(name) {
            let x = ma.scalars[name], y = mb.scalars[name]
            if x?.bitPattern != y?.bitPattern {
                out.append("scalar \(name): committed \(x.map { "\($0)" } ?? "none"), retrained \(y.map { "\($0)" } ?? "none")")
            }
        }
        return out
    }
}
