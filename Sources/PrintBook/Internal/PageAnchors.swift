import Foundation

/// Makes the ids of several pages unique on one page and points their links at the new ids.
enum PageAnchors {
    /// `01-random-labels.html` → `01-random-labels`.
    static func slug(_ path: String) -> String {
        let base = path.hasSuffix(".html") ? String(path.dropLast(5)) : path
        return base.replacingOccurrences(of: "/", with: "--")
    }

    /// Rewrites ` id="x"` to ` id="page--x"`, `href="#x"` to `href="#page--x"`, and links to other
    /// pages of the book (`other.html#x`, `other.html`) to their anchors on the printable page, and
    /// links to `home` to the table of contents.
    static func rewrite(_ html: String, page: String, inBook: Set<String>, home: String = "index.html") -> String {
        let own = slug(page)
        var out = ""
        var rest = html[...]
        while let r = rest.range(of: #" (id|href)=""#, options: .regularExpression) {
            out += rest[..<r.upperBound]
            let valueStart = r.upperBound
            guard let end = rest[valueStart...].firstIndex(of: "\"") else { rest = rest[valueStart...]; break }
            let value = String(rest[valueStart..<end])
            let isID = rest[r].hasPrefix(" id")
            out += isID ? own + "--" + value : value == home ? "#contents" : link(value, own: own, inBook: inBook)
            rest = rest[end...]
        }
        return out + rest
    }

    private static func link(_ href: String, own: String, inBook: Set<String>) -> String {
        if href.hasPrefix("#") { return "#" + own + "--" + href.dropFirst() }
        let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = String(parts[0])
        guard inBook.contains(file) else { return href }
        return parts.count == 2 ? "#" + slug(file) + "--" + parts[1] : "#" + slug(file)
    }
}
