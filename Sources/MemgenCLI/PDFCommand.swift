import ArgumentParser
import Foundation
import PrintBook
import SiteCheck

/// `memgen-book pdf`: the built report as one printable page (`print.html`) and as a PDF.
struct PDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Write the built report as one printable page (print.html) and print it to PDF with headless Chromium.",
        discussion: """
        The build writes print.html; for an output folder without one, the chapters (the pages named NN-….html, in order, then reproducibility.html) are joined into print.html here: a title page, a table of contents, every chapter on a new sheet, figures numbered as in the chapters and every cross-reference pointing inside the one page. Chromium then prints it offline to A4, with page numbers and the headings as the PDF's outline. Needs Debian's chromium (`make browser`), or a browser named by $SITECHECK_BROWSER.
        """)

    @Option(name: .long, help: "Folder of the built report.")
    var output = "Output"

    @Option(name: .long, help: "The PDF to write (default: <output>/book.pdf).")
    var pdf: String?

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("no built report in \(output); run `memgen-book build` first")
        }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: output)
        let names = try FileManager.default.contentsOfDirectory(atPath: output)
            .filter { $0.range(of: #"^[0-9]+-.*\.html$"#, options: .regularExpression) != nil }.sorted()
        guard !names.isEmpty else { throw ValidationError("\(output) has no chapter pages (NN-name.html)") }
        let extra = ["reproducibility.html"].filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path) }
        let pages = try (names + extra).map { (path: $0, html: try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)) }
        let index = (try? String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)) ?? ""
        let title = PrintBook.bookTitle(indexPage: index) ?? "The report"
        let printable = folder.appendingPathComponent("print.html")
        // The build writes print.html; an output folder from an older build gets one assembled here.
        if !FileManager.default.fileExists(atPath: printable.path) {
            try PrintBook(title: title, pages: pages).html().write(to: printable, atomically: true, encoding: .utf8)
        }
        let target = URL(fileURLWithPath: pdf ?? folder.appendingPathComponent("book.pdf").path)
        let bytes = try PDFPrinter().print(page: printable, to: target)
        print("pdf: \(pages.count) chapters → \(printable.path) → \(target.path) (\(bytes / 1024) KiB)")
    }
}
