extension SpecValue {
    /// Quick-profile overrides that cap integer parameters: each dotted path present in the spec
    /// maps to the smaller of its value and the cap (paths the spec lacks are left out).
    func capping(_ caps: KeyValuePairs<String, Int>) -> [String: SpecValue] {
        var overrides: [String: SpecValue] = [:]
        for (path, cap) in caps {
            if let value = self[path: path]?.intValue { overrides[path] = .integer(min(value, cap)) }
        }
        return overrides
    }
}
