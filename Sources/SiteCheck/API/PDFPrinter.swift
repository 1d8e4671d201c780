import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Prints a page of the built report to PDF with headless Chromium (`Page.printToPDF`), offline:
/// the page loads from disk, its formulas render with KaTeX and its images load, then Chromium
/// lays it out on A4 sheets (the page's `@page` rules win), with page numbers in the footer, the
/// headings as the PDF outline, and links kept.
///
/// ```swift
/// let printer = PDFPrinter()
/// let pages = try printer.print(page: URL(fileURLWithPath: "Output/print.html"),
///                               to: URL(fileURLWithPath: "Output/book.pdf"))
/// ```
public struct PDFPrinter: Sendable {
    /// Chromium's executable, or nil to search `SITECHECK_BROWSER` and `PATH`.
    public var browser: URL?
    /// Longest wait for loading, and for printing.
    public var timeout: TimeInterval

    /// Creates a printer.
    public init(browser: URL? = nil, timeout: TimeInterval = 120) {
        self.browser = browser; self.timeout = timeout
    }

    /// Prints `page` to the PDF file `pdf`; returns the number of bytes written. Throws when the
    /// browser is missing or fails, the page does not load, or a formula or image did not render.
    @discardableResult
    public func print(page: URL, to pdf: URL) throws -> Int {
        guard let executable = browser ?? SiteChecker.locateBrowser() else {
            throw SiteCheckError.browserNotFound(searched: SiteChecker.browserNames)
        }
        guard FileManager.default.fileExists(atPath: page.path) else {
            throw SiteCheckError.io("cannot print \(page.path): no such file")
        }
        signal(SIGPIPE, SIG_IGN)
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("memgen-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let process = try SiteChecker.launch(executable, profile: work.appendingPathComponent("profile"),
                                             netLog: work.appendingPathComponent("netlog.json"),
                                             stderr: work.appendingPathComponent("stderr.txt"))
        defer { process.terminate() }
        let bytes = try PrintJob(connection: process.connection, url: page, timeout: timeout).run()
        do {
            try FileManager.default.createDirectory(at: pdf.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: pdf)
        } catch {
            throw SiteCheckError.io("cannot write \(pdf.path): \(error.localizedDescription)")
        }
        return bytes.count
    }
}
