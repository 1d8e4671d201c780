// memgen-sitecheck OUTPUT_DIR [SCREENSHOT_DIR] — checks the built report in headless Chromium.
// Temporary entry point until `memgen-book check-site` exists; exits 1 when any check fails.
import Foundation
import SiteCheck

let arguments = Array(CommandLine.arguments.dropFirst())
guard (1...2).contains(arguments.count), !arguments[0].hasPrefix("-") else {
    FileHandle.standardError.write(Data("usage: memgen-sitecheck OUTPUT_DIR [SCREENSHOT_DIR]\n".utf8))
    exit(2)
}
let checker = SiteChecker(outputDirectory: URL(fileURLWithPath: arguments[0]),
                          screenshotDirectory: arguments.count > 1 ? URL(fileURLWithPath: arguments[1]) : nil)
do {
    let report = try checker.run { line in
        FileHandle.standardError.write(Data("check-site \(line)\n".utf8))
    }
    print(report)
    exit(report.passed ? 0 : 1)
} catch {
    FileHandle.standardError.write(Data("memgen-sitecheck: \(error)\n".utf8))
    exit(2)
}
