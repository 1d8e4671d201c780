import ArgumentParser
import Foundation
import SiteCheck

/// `memgen-book check-site`: open every page of the built report in headless Chromium and check it.
struct CheckSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check-site",
        abstract: "Open every page of the built report in headless Chromium, offline, and check it.",
        discussion: """
        Fails on console errors, failed or outgoing requests, images that do not load, dangling links or anchors, formulas KaTeX did not render, unrendered citations, a search box that does not find a page by its own title, and pages or figures that stay light under prefers-color-scheme: dark; writes desktop and phone screenshots of every page, light and dark. Needs Debian's chromium (`make check-site` installs it), or a browser named by $SITECHECK_BROWSER.
        """)

    @Option(name: .long, help: "Folder of the built report.")
    var output = "Output"

    @Option(name: .long, help: "Folder the page screenshots are written to.")
    var screenshots = ".build/check-site/screenshots"

    func run() throws {
        let checker = SiteChecker(outputDirectory: URL(fileURLWithPath: output),
                                  screenshotDirectory: URL(fileURLWithPath: screenshots))
        let report = try checker.run { line in
            FileHandle.standardError.write(Data("check-site \(line)\n".utf8))
        }
        print(report)
        if !report.passed { throw ExitCode(1) }
    }
}
