import Foundation

/// The runs of one submission, written once by the submitting build and read by every array task:
/// one line per run, `key<TAB>estimated seconds<TAB>run name`; `#` lines are comments.
///
/// Each task computes its shard from this file rather than from the cache, so shards do not
/// change while earlier tasks fill the cache.
public struct KeysFile: Sendable, Equatable {
    /// The runs, in file order.
    public var items: [ShardPlan.Item]
    /// Run names by key (for messages only).
    public var names: [String: String]

    /// A keys file of `items`.
    public init(items: [ShardPlan.Item], names: [String: String] = [:]) {
        self.items = items
        self.names = names
    }

    /// The file's text.
    public var text: String {
        var out = "# memgen-book runs: key, estimated seconds, name (read by `memgen-book run --keys`)\n"
        for item in items {
            out += "\(item.key)\t\(String(format: "%.3f", item.seconds))\t\(names[item.key] ?? "")\n"
        }
        return out
    }

    /// Parses a keys file; a line with only a key counts as one second. `file` names it in errors.
    public init(parsing text: String, file: String) throws {
        items = []
        names = [:]
        var seen: Set<String> = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let key = fields[0].trimmingCharacters(in: .whitespaces)
            guard key.count == 64, key.allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                throw BookError("\(file):\(n + 1): '\(key.prefix(80))' is not a run key (64 lowercase hex digits, as `memgen-book plan` prints them)")
            }
            var seconds = 1.0
            if fields.count > 1, !fields[1].isEmpty {
                guard let s = Double(fields[1]), s.isFinite, s >= 0 else {
                    throw BookError("\(file):\(n + 1): estimated seconds '\(fields[1])' is not a number ≥ 0")
                }
                seconds = s
            }
            guard seen.insert(key).inserted else { throw BookError("\(file):\(n + 1): key \(key.prefix(12))… is listed twice") }
            items.append(ShardPlan.Item(key: key, seconds: seconds))
            if fields.count > 2, !fields[2].isEmpty { names[key] = fields[2] }
        }
    }
}
