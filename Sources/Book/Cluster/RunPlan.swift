import Foundation

/// Every run of the book with its key, cache state and estimated cost (`memgen-book plan`).
public struct RunPlan: Sendable, Codable, Equatable {
    /// One run.
    public struct Entry: Sendable, Codable, Equatable {
        /// The experiment's id.
        public var experiment: String
        /// The experiment's kind.
        public var kind: String
        /// `experiment[condition=…, seed=…]`.
        public var name: String
        /// The cache key.
        public var key: String
        /// Whether the cache holds a valid result.
        public var cached: Bool
        /// Estimated (or, when cached, measured) training seconds on one core.
        public var seconds: Double
        /// Where `seconds` came from.
        public var source: CostModel.Source
        /// The run's work in the cost model's units (forward + backward multiply-adds).
        public var units: Double
    }

    /// The profile the runs were planned for.
    public var profile: String
    /// The runs, by experiment in chapter order.
    public var runs: [Entry]

    /// The runs the cache lacks.
    public var missing: [Entry] { runs.filter { !$0.cached } }

    /// Seconds the missing runs are estimated to take on one core.
    public var missingSeconds: Double { missing.map(\.seconds).reduce(0, +) }

    /// The plan as JSON (keys sorted).
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }

    /// The plan as lines of text: one per run, and a total per experiment and for the book.
    public var lines: [String] {
        var out: [String] = []
        var order: [String] = []
        var byExperiment: [String: [Entry]] = [:]
        for run in runs {
            if byExperiment[run.experiment] == nil { order.append(run.experiment) }
            byExperiment[run.experiment, default: []].append(run)
        }
        for id in order {
            let entries = byExperiment[id]!
            let missing = entries.filter { !$0.cached }
            out.append("\(id)  [\(entries[0].kind)]  \(entries.count) runs, \(missing.count) missing, about \(RunPlan.duration(missing.map(\.seconds).reduce(0, +))) to train")
            for e in entries {
                out.append("    \(e.cached ? "cached " : "missing")  \(e.key.prefix(12))  \(RunPlan.duration(e.seconds).padding(toLength: 8, withPad: " ", startingAt: 0)) \(e.source.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(e.name)")
            }
        }
        out.append("total: \(runs.count) runs, \(missing.count) missing; the missing runs take about \(RunPlan.duration(missingSeconds)) on one core (profile \(profile))")
        return out
    }

    /// `42 s`, `12 min`, `3.4 h`, `2.1 d`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 100 { return String(format: "%.0f s", seconds) }
        if seconds < 6000 { return String(format: "%.0f min", seconds / 60) }
        if seconds < 48 * 3600 { return String(format: "%.1f h", seconds / 3600) }
        return String(format: "%.1f d", seconds / 86400)
    }
}
