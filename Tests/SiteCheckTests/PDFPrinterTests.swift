import Foundation
import XCTest
@testable import SiteCheck

/// Headless Chromium prints a page to a real PDF (skipped where Chromium is not installed).
final class PDFPrinterTests: XCTestCase {
    func testTwoSheetsArePrintedWithTheirText() throws {
        guard SiteChecker.locateBrowser() != nil else { throw XCTSkip("Chromium is not installed; `make browser` installs it") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-pdf-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("print.html")
        try """
        <!DOCTYPE html><html><head><meta charset="utf-8"><style>@page { size: A4; } .next { break-before: page; }</style></head>
        <body><h1>First sheet</h1><p class="next">Second sheet</p></body></html>
        """.write(to: page, atomically: true, encoding: .utf8)
        let pdf = dir.appendingPathComponent("out.pdf")
        let bytes = try PDFPrinter(timeout: 60).print(page: page, to: pdf)
        let data = try Data(contentsOf: pdf)
        XCTAssertEqual(data.count, bytes)
        XCTAssertEqual(String(decoding: data.prefix(5), as: UTF8.self), "%PDF-")
        // Two page objects: "/Type /Page" not followed by "s".
        let text = String(decoding: data, as: UTF8.self)
        let pages = text.components(separatedBy: "/Type /Page").dropFirst().filter { !$0.hasPrefix("s") }.count
        XCTAssertEqual(pages, 2)
    }

    func testMissingPageIsAnError() {
        XCTAssertThrowsError(try PDFPrinter().print(page: URL(fileURLWithPath: "/nonexistent/print.html"),
                                                    to: URL(fileURLWithPath: "/tmp/x.pdf"))) { e in
            XCTAssertTrue("\(e)".contains("no such file") || "\(e)".contains("Chromium"), "\(e)")
        }
    }
}
