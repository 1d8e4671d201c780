import Foundation

/// Matches a written value against a run's parameter value (numbers compare numerically; a list
/// such as `[512, 512]` matches element by element).
enum ParameterMatch {
    static func matches(_ written: String, _ value: SpecValue) -> Bool {
        if case .list(let items) = value {
            guard written.hasPrefix("["), written.hasSuffix("]") else { return false }
            let inner = written.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
            let parts = inner.isEmpty ? [] : inner.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return parts.count == items.count && zip(parts, items).allSatisfy { matches($0, $1) }
        }
        if let d = value.doubleValue, let w = Double(written) { return abs(d - w) <= 1e-12 * max(1, abs(d)) }
        if let b = value.boolValue { return ["true", "yes"].contains(written.lowercased()) == b && ["true", "false", "yes", "no"].contains(written.lowercased()) }
        return value.description == written
    }
}
