/// The one place where text becomes HTML: everything from chapters and results passes through here.
extension String {
    /// Text escaped for HTML element content.
    var htmlEscaped: String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// A URL that is safe in `href`/`src`: relative, fragment, http(s) or mailto; anything else
    /// (such as `javascript:`) becomes `#`.
    var safeURL: String {
        let lower = trimmingWhitespace.lowercased()
        if let colon = lower.firstIndex(of: ":") {
            let scheme = lower[..<colon]
            let beforeSlash = !scheme.contains("/") && !scheme.contains("?") && !scheme.contains("#")
            if beforeSlash && !["http", "https", "mailto"].contains(String(scheme)) { return "#" }
        }
        return htmlEscaped
    }

    /// A lowercase anchor id made of letters, digits and '-'.
    var anchorSlug: String {
        var out = ""
        var dash = false
        for c in lowercased().unicodeScalars {
            if c.properties.isAlphabetic || ("0"..."9").contains(c) {
                if dash && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(c)
                dash = false
            } else { dash = true }
        }
        return out.isEmpty ? "section" : out
    }
}
