import Foundation

/// The results committed with the report (`Output/data/<experiment>.json`), used as a read-only
/// layer beneath the result cache: a build reuses every committed result whose key is the key it
/// asks for, so a fresh clone's build trains only what its chapters changed.
///
/// Each committed run carries `sha256`, the checksum of its result encoded as in the cache
/// (``checksum(_:)``); a run whose checksum is missing or wrong, or whose file does not decode, is
/// not used (and is listed in ``rejected``), so a hand-edited number is retrained, never shown.
struct FrozenResults {
    /// Verified results by cache key.
    private(set) var results: [String: RunResult] = [:]
    /// Why committed runs were not accepted (`data/x.json: run <key>: checksum mismatch`).
    private(set) var rejected: [String] = []
    /// Wall seconds of every committed run per experiment, whether or not its key is still asked
    /// for: how long the experiment's runs took when the report was last built.
    private(set) var wallSeconds: [String: [Double]] = [:]

    /// The shape of an experiment's data file, as far as the layer reads it.
    private struct File: Decodable {
        struct Run: Decodable { var key: String; var sha256: String?; var result: RunResult? }
        var profile: String
        var runs: [Run]
    }

    /// Reads every experiment file in `directory` written under `profile`; a folder that does not
    /// exist is an empty layer.
    init(directory: URL, profile: Profile) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasPrefix(".") {
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                  let file = try? ResultCache.decoder.decode(File.self, from: data) else {
                rejected.append("data/\(name): not an experiment results file")
                continue
            }
            guard file.profile == profile.rawValue else { continue }
            for run in file.runs {
                guard let result = run.result else { continue }   // a run that failed or was never trained
                wallSeconds[result.provenance.experiment, default: []].append(result.provenance.wallSeconds)
                guard result.provenance.key == run.key else {
                    rejected.append("data/\(name): run \(run.key.prefix(12)): the result belongs to another key")
                    continue
                }
                guard let sum = run.sha256, sum == FrozenResults.checksum(result) else {
                    rejected.append("data/\(name): run \(run.key.prefix(12)): \(run.sha256 == nil ? "no checksum" : "checksum mismatch")")
                    continue
                }
                results[run.key] = result
            }
        }
    }

    /// The committed result for `key`, if there is a verified one.
    func result(for key: String) -> RunResult? { results[key] }

    /// SHA-256 of `result` encoded as the cache encodes it (keys sorted, no spaces).
    static func checksum(_ result: RunResult) -> String {
        SHA256.hex((try? ResultCache.encoder.encode(result)) ?? Data())
    }
}
