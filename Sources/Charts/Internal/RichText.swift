/// Text split into runs on the baseline, raised (superscript) or lowered (subscript).
///
/// Labels may use a tiny markup: `^{...}` for superscripts and `_{...}` for subscripts, e.g.
/// `"10^{-3}"`, `"λ_{max}"`, `"I(X;T)"`. Anything else is literal text.
struct RichText: Hashable, Sendable {
    enum Level: Hashable, Sendable { case normal, superscript, `subscript` }
    struct Run: Hashable, Sendable { var text: String; var level: Level }

    var runs: [Run]

    init(runs: [Run]) { self.runs = runs }

    /// Parses the `^{}` / `_{}` markup; unbalanced braces are kept as literal text.
    init(markup: String) {
        var runs: [Run] = []
        var current = ""
        let chars = Array(markup)
        var i = 0
        while i < chars.count {
            let ch = chars[i]
            if (ch == "^" || ch == "_"), i + 1 < chars.count, chars[i + 1] == "{",
               let close = chars[(i + 2)...].firstIndex(of: "}") {
                if !current.isEmpty { runs.append(Run(text: current, level: .normal)); current = "" }
                runs.append(Run(text: String(chars[(i + 2)..<close]), level: ch == "^" ? .superscript : .subscript))
                i = close + 1
                continue
            }
            current.append(ch)
            i += 1
        }
        if !current.isEmpty { runs.append(Run(text: current, level: .normal)) }
        self.runs = runs
    }

    var isEmpty: Bool { runs.allSatisfy { $0.text.isEmpty } }
}
