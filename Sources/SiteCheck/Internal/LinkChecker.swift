import Foundation

/// Checks, without a browser, that every link, anchor and resource reference in the report's HTML files
/// resolves inside the output directory.
///
/// For each page it scans the start tags (`HTMLScanner`) and looks at:
/// - navigation: `<a href>`, `<area href>`, and `<link href>` whose `rel` is not a fetched resource;
/// - resources the browser fetches when the page opens: `<img src|srcset>`, `<source src|srcset>`,
///   `<script src>`, `<link rel=stylesheet|icon|preload|modulepreload|manifest href>`, `<iframe src>`,
///   `<embed src>`, `<video src|poster>`, `<audio src>`, `<track src>`, `<object data>`, `<input src>`.
///
/// Rules: a relative reference must name an existing file inside the output directory (a directory is
/// not enough: a file:// directory listing is not a page); its `#fragment`, if any, must be the `id` of an
/// element (or the `name` of an `<a>`) in the target page — `#top` and the empty fragment always work.
/// A root-absolute path (`/x`) or a `file:` URL breaks when the folder is opened elsewhere. A network URL
/// (`http:`, `https:`, `//host`) is an error for a resource and allowed for a navigation link (a student
/// follows it by choice; it is counted, not fetched). `data:`, `mailto:`, `tel:` and `javascript:` links
/// are not checked. Query strings are ignored when resolving files. Not handled: `<base href>` (references
/// are resolved against the page itself), CSS `url(…)` references (the browser run reports those as failed
/// requests), and links that scripts create.
struct LinkChecker {
    /// The output directory (a file URL).
    let root: URL

    /// Ids (and `<a name>`s) per target file, computed once per file.
    private var anchorCache: [String: Set<String>] = [:]

    init(root: URL) {
        self.root = root.standardizedFileURL
    }

    /// Result of checking one page.
    struct PageLinks {
        /// Problems found, each naming the line, tag and attribute.
        var findings: [SiteCheckFinding] = []
        /// Internal links, anchors and resource references that were checked.
        var checked = 0
        /// Links to the web that were counted but not followed.
        var external = 0
    }

    /// Checks every reference in the page at `pagePath` (relative to `root`).
    mutating func check(pagePath: String) throws -> PageLinks {
        let pageURL = root.appendingPathComponent(pagePath)
        let html = try Self.read(pageURL)
        var result = PageLinks()
        let tags = HTMLScanner(html).tags()
        anchorCache[pageURL.path] = Self.anchors(in: tags)
        for tag in tags {
            for reference in Self.references(in: tag) {
                check(reference, tag: tag, page: pagePath, pageURL: pageURL, into: &result)
            }
        }
        return result
    }

    // MARK: - One reference

    private struct Reference {
        let attribute: String
        let value: String
        let isResource: Bool
    }

    private mutating func check(_ reference: Reference, tag: HTMLTag, page: String, pageURL: URL,
                                into result: inout PageLinks) {
        let value = reference.value.trimmingCharacters(in: .whitespacesAndNewlines)
        let what = "line \(tag.line): <\(tag.name) \(reference.attribute)=\"\(reference.value)\">"
        func fail(_ why: String) {
            result.findings.append(SiteCheckFinding(page: page, check: .link, message: "\(what): \(why)"))
        }
        if value.isEmpty {
            if reference.isResource { fail("empty reference") }
            return
        }
        let lowered = value.lowercased()
        if let scheme = Self.scheme(of: lowered) {
            switch scheme {
            case "data", "blob", "about":
                return
            case "mailto", "tel", "javascript":
                if reference.isResource { fail("\(scheme): cannot be a resource") }
                return
            case "http", "https", "ftp", "ws", "wss":
                if reference.isResource {
                    fail("loads \(scheme): from the network; the report must work offline")
                } else {
                    result.external += 1
                }
                return
            case "file":
                fail("absolute file: URL; breaks as soon as the output folder is moved")
                return
            default:
                fail("unsupported scheme \(scheme):")
                return
            }
        }
        if lowered.hasPrefix("//") {
            if reference.isResource {
                fail("protocol-relative URL loads from the network (file://host when opened from disk)")
            } else {
                result.external += 1
            }
            return
        }
        if value.hasPrefix("/") {
            fail("root-absolute path points at the file system root when the report is opened from disk")
            return
        }
        result.checked += 1
        var pathPart = value
        var fragment: String?
        if let hash = pathPart.firstIndex(of: "#") {
            fragment = String(pathPart[pathPart.index(after: hash)...])
            pathPart = String(pathPart[..<hash])
        }
        if let question = pathPart.firstIndex(of: "?") {
            pathPart = String(pathPart[..<question])
        }
        let targetURL: URL
        if pathPart.isEmpty {
            targetURL = pageURL
        } else {
            guard let decoded = pathPart.removingPercentEncoding else {
                fail("malformed percent-encoding")
                return
            }
            targetURL = pageURL.deletingLastPathComponent().appendingPathComponent(decoded).standardizedFileURL
            let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
            guard targetURL.path.hasPrefix(rootPath) else {
                fail("points outside the output directory (\(targetURL.path))")
                return
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: targetURL.path, isDirectory: &isDirectory) else {
                fail("file \(relative(targetURL)) does not exist")
                return
            }
            if isDirectory.boolValue {
                fail("\(relative(targetURL)) is a directory; link to a file (file:// shows no index.html)")
                return
            }
        }
        guard let fragment, !fragment.isEmpty, !reference.isResource else { return }
        let decodedFragment = fragment.removingPercentEncoding ?? fragment
        if decodedFragment.lowercased() == "top" { return }
        let ext = targetURL.pathExtension.lowercased()
        guard ext == "html" || ext == "htm" else { return }
        guard let anchors = anchors(of: targetURL) else {
            fail("cannot read \(relative(targetURL)) to look for #\(decodedFragment)")
            return
        }
        if !anchors.contains(decodedFragment) {
            fail("anchor #\(decodedFragment) not found in \(relative(targetURL))")
        }
    }

    private mutating func anchors(of url: URL) -> Set<String>? {
        if let cached = anchorCache[url.path] { return cached }
        guard let html = try? Self.read(url) else { return nil }
        let found = Self.anchors(in: HTMLScanner(html).tags())
        anchorCache[url.path] = found
        return found
    }

    private func relative(_ url: URL) -> String {
        let rootPath = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(rootPath) ? String(url.path.dropFirst(rootPath.count)) : url.path
    }

    // MARK: - Reading tags

    static func anchors(in tags: [HTMLTag]) -> Set<String> {
        var anchors = Set<String>()
        for tag in tags {
            if let id = tag.attributes["id"], !id.isEmpty { anchors.insert(id) }
            if tag.name == "a", let name = tag.attributes["name"], !name.isEmpty { anchors.insert(name) }
        }
        return anchors
    }

    private static let fetchedLinkRelations: Set<String> = [
        "stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest", "prefetch",
    ]

    private static func references(in tag: HTMLTag) -> [Reference] {
        var references: [Reference] = []
        func add(_ attribute: String, resource: Bool) {
            if let value = tag.attributes[attribute] {
                references.append(Reference(attribute: attribute, value: value, isResource: resource))
            }
        }
        func addSourceSet(_ attribute: String) {
            guard let value = tag.attributes[attribute] else { return }
            for candidate in value.split(separator: ",") {
                let url = candidate.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).first
                if let url {
                    references.append(Reference(attribute: attribute, value: String(url), isResource: true))
                }
            }
        }
        switch tag.name {
        case "a", "area":
            add("href", resource: false)
        case "link":
            let relations = Set((tag.attributes["rel"] ?? "").lowercased().split(separator: " ").map(String.init))
            add("href", resource: !relations.isDisjoint(with: fetchedLinkRelations))
        case "img":
            add("src", resource: true)
            addSourceSet("srcset")
        case "source":
            add("src", resource: true)
            addSourceSet("srcset")
        case "script", "iframe", "embed", "audio", "track", "input":
            add("src", resource: true)
        case "video":
            add("src", resource: true)
            add("poster", resource: true)
        case "object":
            add("data", resource: true)
        default:
            break
        }
        return references
    }

    private static func scheme(of value: String) -> String? {
        guard let colon = value.firstIndex(of: ":") else { return nil }
        let candidate = value[..<colon]
        guard let first = candidate.first, first.isLetter,
              candidate.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }),
              !candidate.contains("/") else { return nil }
        return String(candidate)
    }

    static func read(_ url: URL) throws -> String {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SiteCheckError.io("cannot read \(url.path)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
