import Book
import FlyingFox
import Foundation

/// `memgen-book serve`: builds the book, serves the output folder on 127.0.0.1, and rebuilds when a
/// chapter is saved. Every HTML page gets a small script that asks `/__memgen/status` once a second
/// and reloads the page when a build has finished since it was loaded; when the last build had
/// errors the page shows them in a banner (and the terminal prints them). The server stays up
/// across failed builds.
///
/// A save of chapters only builds those chapters (their experiments train, their pages are
/// written); a change to `book.yml`, a new or deleted chapter, or the bibliography builds the
/// whole book.
public final class PreviewServer: @unchecked Sendable {
    private let options: BuildOptions
    private let server: HTTPServer
    private let status = BuildStatus()
    private let queue = DispatchQueue(label: "memgen preview builds")
    private var watcher: ChapterWatcher?
    private let say: @Sendable (String) -> Void

    /// A server for the book of `options` on 127.0.0.1:`port` (0: any free port); `say` prints
    /// the server's own messages (builds print theirs through `options`).
    public init(options: BuildOptions, port: UInt16, say: @escaping @Sendable (String) -> Void = { print($0) }) throws {
        self.options = options
        self.say = say
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled)
    }

    /// Builds the book once, then serves it and watches the chapters; returns the URL served.
    /// The server runs until ``stop()``.
    public func start() async throws -> URL {
        build(changed: nil)
        let output = options.outputDirectory
        let status = self.status
        await server.appendRoute("GET /__memgen/status") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "application/json", .init("Cache-Control"): "no-store"],
                         body: status.json)
        }
        await server.appendRoute("GET /__memgen/reload.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript", .init("Cache-Control"): "no-store"],
                         body: Data(PreviewServer.reloadScript.utf8))
        }
        await server.appendRoute("GET *") { request in
            PreviewServer.file(request.path, in: output, version: status.version)
        }
        Task { [server] in try await server.run() }
        try await server.waitUntilListening(timeout: 10)
        guard case .ip4(_, let port)? = await server.listeningAddress else { throw PreviewError("the server is not listening") }
        let queue = self.queue
        watcher = try ChapterWatcher(directory: options.chaptersDirectory) { [weak self] names in
            queue.async { [weak self] in self?.build(changed: names) }
        }
        return URL(string: "http://127.0.0.1:\(port)/")!
    }

    /// Stops watching and serving (open connections are closed after at most a second).
    public func stop() async {
        watcher?.stop()
        watcher = nil
        await server.stop(timeout: 1)
    }

    /// The number of builds finished so far (the page reloads when it grows).
    public var buildCount: Int { status.version }

    /// Builds the chapters in `changed` (nil or any non-chapter change: the whole book).
    private func build(changed: Set<String>?) {
        var options = self.options
        let chapterNames = (try? FileManager.default.contentsOfDirectory(atPath: options.chaptersDirectory.path)) ?? []
        if let changed, changed.allSatisfy({ $0.hasSuffix(".md") && chapterNames.contains($0) }), !changed.isEmpty,
           status.version > 0, status.knownChapters == Set(chapterNames.filter { $0.hasSuffix(".md") }) {
            options.chapterSelection = changed.sorted()
            say("serve: \(changed.sorted().joined(separator: ", ")) changed; building \(changed.count == 1 ? "it" : "them")")
        } else if let changed {
            say("serve: \(changed.sorted().joined(separator: ", ")) changed; building the book")
        }
        let summary = BookBuilder(options: options).build()
        status.finish(errors: summary.errors, chapters: Set(chapterNames.filter { $0.hasSuffix(".md") }))
        say(summary.errors.isEmpty ? "serve: build \(status.version) done; pages reload" :
                "serve: build \(status.version) finished with \(summary.errors.count) error(s); the pages show them")
    }

    /// The response for `path`: a file of `output` (HTML with the reload script added), or 404.
    static func file(_ path: String, in output: URL, version: Int) -> HTTPResponse {
        var relative = (path.removingPercentEncoding ?? path).split(separator: "/").map(String.init)
        if relative.isEmpty { relative = ["index.html"] }
        guard !relative.contains(where: { $0 == ".." || $0.hasPrefix(".") }) else {
            return HTTPResponse(statusCode: .notFound, body: Data("not found\n".utf8))
        }
        var url = output
        for part in relative { url.appendPathComponent(part) }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
            url.appendPathComponent("index.html")
        }
        guard var data = FileManager.default.contents(atPath: url.path) else {
            let page = "<!doctype html><title>Not found</title><p>No page <code>\(path)</code> in the built report (yet).</p>"
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/html; charset=utf-8"],
                                body: Data((page + reloadTag(version: version)).utf8))
        }
        let type = contentType(url.pathExtension)
        if url.pathExtension == "html" {
            var text = String(decoding: data, as: UTF8.self)
            let tag = reloadTag(version: version)
            if let end = text.range(of: "</body>", options: .backwards) { text.insert(contentsOf: tag, at: end.lowerBound) } else { text += tag }
            data = Data(text.utf8)
        }
        return HTTPResponse(statusCode: .ok, headers: [.contentType: type, .init("Cache-Control"): "no-store"], body: data)
    }

    static func reloadTag(version: Int) -> String {
        "<script src=\"/__memgen/reload.js\" data-build=\"\(version)\"></script>\n"
    }

    static func contentType(_ ext: String) -> String {
        switch ext.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "png": return "image/png"
        case "svg": return "image/svg+xml"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "ttf": return "font/ttf"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    /// Polls the status once a second; reloads when a newer build finished; shows build errors.
    static let reloadScript = """
    (function () {
      var me = document.currentScript;
      var loaded = Number(me && me.dataset.build || 0);
      function banner(errors) {
        var old = document.getElementById('memgen-build-errors');
        if (old) old.remove();
        if (!errors.length) return;
        var box = document.createElement('div');
        box.id = 'memgen-build-errors';
        box.setAttribute('role', 'alert');
        box.style.cssText = 'position:fixed;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;z-index:9999;' +
          'background:#fff0f0;color:#700;border-top:3px solid #c00;font:13px/1.4 monospace;padding:8px 12px;white-space:pre-wrap';
        box.textContent = 'The last build had ' + errors.length + ' error(s):\\n' + errors.join('\\n');
        document.body.appendChild(box);
      }
      function check() {
        fetch('/__memgen/status', {cache: 'no-store'}).then(function (r) { return r.json(); }).then(function (s) {
          if (s.version > loaded) { location.reload(); return; }
          banner(s.errors || []);
        }).catch(function () {}).then(function () { setTimeout(check, 1000); });
      }
      check();
    })();
    """
}

/// The state the pages poll: the number of finished builds and the last one's errors.
final class BuildStatus: @unchecked Sendable {
    private let lock = NSLock()
    private var builds = 0
    private var errors: [String] = []
    private var chapters: Set<String> = []

    var version: Int { lock.lock(); defer { lock.unlock() }; return builds }
    var knownChapters: Set<String> { lock.lock(); defer { lock.unlock() }; return chapters }

    func finish(errors: [String], chapters: Set<String>) {
        lock.lock(); defer { lock.unlock() }
        builds += 1
        self.errors = errors
        self.chapters = chapters
    }

    var json: Data {
        lock.lock(); defer { lock.unlock() }
        return (try? JSONSerialization.data(withJSONObject: ["version": builds, "errors": errors], options: [.sortedKeys])) ?? Data()
    }
}
