/// Suggests the valid name closest to a misspelt one (Levenshtein distance).
enum NearestName {
    /// The closest candidate within a small edit distance, if any.
    static func suggest(_ name: String, among candidates: [String]) -> String? {
        let limit = max(2, name.count / 3)
        var best: (String, Int)? = nil
        for candidate in candidates {
            let d = distance(name.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
        }
        return best?.0
    }

    /// `(valid: a, b, c; did you mean 'b'?)`
    static func hint(_ name: String, among candidates: [String]) -> String {
        var text = "(valid: \(candidates.joined(separator: ", "))"
        if let s = suggest(name, among: candidates) { text += "; did you mean '\(s)'?" }
        return text + ")"
    }

    /// The Levenshtein edit distance between two strings.
    static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            current[0] = i
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[y.count]
    }
}
