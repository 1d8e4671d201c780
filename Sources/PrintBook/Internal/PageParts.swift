import Foundation

/// Pieces of a page memgen-book rendered: its `<main>`, its headings with ids, its stylesheet and
/// script tags. The generator writes well-formed HTML with quoted attributes, which is all this
/// relies on.
enum PageParts {
    struct Heading: Equatable {
        var level: Int
        var id: String
        /// The heading's inner HTML without the "#" anchor link.
        var text: String
    }

    /// The inside of `<main …>…</main>`, or the inside of `<body>` when there is no `<main>`.
    static func main(_ html: String) -> String {
        for (open, close) in [("<main", "</main>"), ("<body", "</body>")] {
            if let a = html.range(of: open), let gt = html.range(of: ">", range: a.upperBound..<html.endIndex),
               let b = html.range(of: close, options: .backwards) , b.lowerBound >= gt.upperBound {
                return String(html[gt.upperBound..<b.lowerBound])
            }
        }
        return html
    }

    /// `<title>` text up to its " · ".
    static func title(_ html: String) -> String {
        guard let a = html.range(of: "<title>"), let b = html.range(of: "</title>", range: a.upperBound..<html.endIndex) else { return "" }
        return String(html[a.upperBound..<b.lowerBound]).components(separatedBy: " · ")[0]
    }

    /// `h1`–`h3` elements that carry an id, in order.
    static func headings(_ html: String) -> [Heading] {
        var out: [Heading] = []
        var rest = html[...]
        while let open = rest.range(of: "<h") {
            let after = rest[open.upperBound...]
            guard let digit = after.first, let level = Int(String(digit)), (1...3).contains(level),
                  let gt = after.range(of: ">"), let close = after.range(of: "</h\(level)>") , gt.upperBound <= close.lowerBound else {
                rest = after; continue
            }
            let tag = after[..<gt.lowerBound]
            if let id = attribute("id", in: tag) {
                var inner = String(after[gt.upperBound..<close.lowerBound])
                if let anchor = inner.range(of: "<a class=\"anchor\"") { inner = String(inner[..<anchor.lowerBound]) }
                out.append(Heading(level: level, id: id, text: inner.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
            rest = after[close.upperBound...]
        }
        return out
    }

    /// The value of `name="…"` inside a tag's text.
    static func attribute(_ name: String, in tag: Substring) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    /// The `<link rel="stylesheet" …>` tags of the head.
    static func stylesheets(_ html: String) -> [String] { tags(html, opening: "<link rel=\"stylesheet\"", closing: ">") }

    /// The `<script src=…></script>` tags.
    static func scripts(_ html: String) -> [String] { tags(html, opening: "<script src=", closing: "</script>") }

    private static func tags(_ html: String, opening: String, closing: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let a = rest.range(of: opening), let b = rest.range(of: closing, range: a.upperBound..<rest.endIndex) {
            out.append(String(rest[a.lowerBound..<b.upperBound]))
            rest = rest[b.upperBound...]
        }
        return out
    }
}
