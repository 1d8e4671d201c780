/// Refuses YAML that nests too deeply before it reaches the YAML library, whose composer recurses
/// once per level: ten thousand `[` would overflow the stack and crash the build.
///
/// The scan never recurses and errs on the side of counting too much: block levels are counted
/// from the stack of indentations (plus compact `- `/`? ` indicators), flow levels from `[` and `{`
/// outside quoted scalars (quotes end at the end of a line, so brackets inside a multi-line quoted
/// scalar count too); the content of block scalars (`|`, `>`) is skipped.
enum YAMLDepthGuard {
    /// Far deeper than any directive needs, far shallower than what overflows the stack.
    static let maximumDepth = 100

    /// The place where `yaml` first nests deeper than ``maximumDepth``, or nil.
    static func issue(_ yaml: String) -> SpecIssue? {
        let space = UInt8(ascii: " "), hash = UInt8(ascii: "#"), dash = UInt8(ascii: "-"), question = UInt8(ascii: "?")
        let colon = UInt8(ascii: ":"), comma = UInt8(ascii: ","), backslash = UInt8(ascii: "\\")
        let single = UInt8(ascii: "'"), double = UInt8(ascii: "\"")
        var indents: [Int] = []
        var flow = 0
        var blockScalarParent: Int?
        var lineNumber = 0
        for line in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let c = Array(line)
            var i = 0
            while i < c.count, c[i] == space || c[i] == UInt8(ascii: "\t") || c[i] == UInt8(ascii: "\r") { i += 1 }
            if i == c.count || c[i] == hash { continue }
            if let parent = blockScalarParent {
                if i > parent { continue }
                blockScalarParent = nil
            }
            if flow == 0 {
                while let last = indents.last, last >= i { indents.removeLast() }
                indents.append(i)
            }
            var compact = 0
            var quote: UInt8?
            var previous: UInt8 = 0          // the last character that is not a space; 0 at the line's start
            var previousIsIndicator = true   // `previous` is the line start or a compact indicator
            var lastSignificant = i
            var j = i
            while j < c.count {
                let ch = c[j]
                if let q = quote {
                    if ch == q {
                        if q == single, j + 1 < c.count, c[j + 1] == single { j += 2; continue }
                        quote = nil
                        previous = ch
                        previousIsIndicator = false
                    } else if q == double, ch == backslash {
                        j += 1
                    }
                    j += 1
                    continue
                }
                let followedBySpace = j + 1 == c.count || c[j + 1] == space
                if ch == hash, j > 0, c[j - 1] == space { break }
                if (ch == dash || ch == question), followedBySpace, previousIsIndicator, flow == 0 {
                    compact += 1
                } else if ch == UInt8(ascii: "[") || ch == UInt8(ascii: "{") {
                    flow += 1
                } else if ch == UInt8(ascii: "]") || ch == UInt8(ascii: "}") {
                    flow = max(0, flow - 1)
                } else if ch == single || ch == double {
                    let spaced = j > 0 && c[j - 1] == space
                    if previous == 0 || previous == UInt8(ascii: "[") || previous == UInt8(ascii: "{") || previous == comma
                        || (spaced && (previous == colon || previous == dash || previous == question)) {
                        quote = ch
                    }
                }
                if indents.count + flow + compact > maximumDepth {
                    return SpecIssue(mark: YAMLMark(line: lineNumber, column: j + 1),
                                     message: "the YAML nests more than \(maximumDepth) levels deep; flatten it")
                }
                if ch != space {
                    previousIsIndicator = (ch == dash || ch == question) && followedBySpace && previousIsIndicator
                    previous = ch
                    lastSignificant = j
                }
                j += 1
            }
            if quote == nil, flow == 0, lastSignificant < c.count {
                var k = lastSignificant
                while k > i, c[k] == UInt8(ascii: "+") || c[k] == dash || (c[k] >= UInt8(ascii: "0") && c[k] <= UInt8(ascii: "9")) { k -= 1 }
                if c[k] == UInt8(ascii: "|") || c[k] == UInt8(ascii: ">") { blockScalarParent = i }
            }
        }
        return nil
    }
}
