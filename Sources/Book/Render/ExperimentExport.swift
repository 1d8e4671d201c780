import Foundation

/// The results of one experiment as `data/<id>.json`: every planned run with its parameters, cache
/// key, result (absent when the run failed or was not trained) and the result's SHA-256
/// (``FrozenResults/checksum(_:)``: later builds reuse committed results whose checksum holds).
/// The experiment card, provenance lines and the reproducibility page link to it.
struct ExperimentExport: Encodable {
    struct Run: Encodable { var parameters: [String: String]; var key: String; var sha256: String?; var result: RunResult? }
    var experiment: String
    var kind: String
    var profile: String
    var runs: [Run]

    init(_ e: ExperimentDirective, runs: [PlannedRun], results: [String: RunResult], profile: Profile) {
        experiment = e.id
        kind = e.kind.name
        self.profile = profile.rawValue
        self.runs = runs.map { run in
            Run(parameters: Dictionary(uniqueKeysWithValues: run.parameters.map { ($0.name, $0.value.description) }),
                key: run.key, sha256: results[run.key].map(FrozenResults.checksum), result: results[run.key])
        }
    }

    /// The file's path in the output folder.
    static func path(_ id: String) -> String { "data/\(id).json" }

    /// Pretty-printed JSON with sorted keys (nil if a value cannot be encoded).
    var json: Data? {
        let encoder = ResultCache.encoder
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return try? encoder.encode(self)
    }
}
