/// Matches a written value against a run's parameter value (numbers compare numerically).
enum ParameterMatch {
    static func matches(_ written: String, _ value: SpecValue) -> Bool {
        if let d = value.doubleValue, let w = Double(written) { return abs(d - w) <= 1e-12 * max(1, abs(d)) }
        if let b = value.boolValue { return ["true", "yes"].contains(written.lowercased()) == b && ["true", "false", "yes", "no"].contains(written.lowercased()) }
        return value.description == written
    }
}
