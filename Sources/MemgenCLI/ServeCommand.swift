import ArgumentParser
import Book
import Dispatch
import Foundation
import Preview

/// `memgen-book serve`: live preview of the book while its chapters are edited.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the book, serve it on 127.0.0.1, and rebuild and reload the open page whenever a chapter is saved.",
        discussion: "Saving chapters builds only those chapters; a change to book.yml or a new chapter builds the whole book. Build errors are printed here and shown on the page; the server keeps running. Ctrl-C stops it.")

    @OptionGroup var paths: BookPaths

    @Option(help: "The port on 127.0.0.1 (0: any free port).")
    var port: UInt16 = 8000

    @Flag(help: "Open the report in the default browser (xdg-open).")
    var open = false

    @Option(name: .shortAndLong, help: "Runs trained at once.")
    var jobs = 1

    func run() throws {
        let server = try PreviewServer(options: paths.options(jobs: jobs), port: port)
        let done = DispatchSemaphore(value: 0)
        let box = URLBox()
        Task {
            do { box.url = try await server.start() } catch { box.error = error }
            done.signal()
        }
        done.wait()
        if let error = box.error { throw ValidationError("serve: \(error)") }
        let url = box.url!
        print("serve: the report is at \(url) (watching \(paths.chapters)/; Ctrl-C stops)")
        if open { ServeCommand.openBrowser(url) }

        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let stopped = DispatchSemaphore(value: 0)
        let sources = [SIGINT, SIGTERM].map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        for source in sources {
            source.setEventHandler { stopped.signal() }
            source.resume()
        }
        stopped.wait()
        print("\nserve: stopping")
        let closed = DispatchSemaphore(value: 0)
        Task {
            await server.stop()
            closed.signal()
        }
        closed.wait()
    }

    static func openBrowser(_ url: URL) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["xdg-open", url.absoluteString]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        if (try? p.run()) == nil { print("serve: could not open a browser; open \(url) yourself") }
    }
}

/// The result of starting the server, handed from its task to the command's thread.
private final class URLBox: @unchecked Sendable {
    var url: URL?
    var error: Error?
}
