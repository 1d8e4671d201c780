/// Why a site check could not run at all (as opposed to a check that ran and found problems).
public enum SiteCheckError: Error, Equatable, CustomStringConvertible {
    /// The output directory does not exist or is not a directory.
    case outputDirectoryMissing(String)
    /// The output directory holds no `*.html` page.
    case noPages(String)
    /// No Chromium binary was found.
    case browserNotFound(searched: [String])
    /// The browser could not be started.
    case browserLaunchFailed(String)
    /// The DevTools connection to the browser broke or timed out.
    case devTools(String)
    /// The browser did not answer a DevTools command in time.
    case timedOut(String)
    /// A file could not be read or written.
    case io(String)

    /// A one-line explanation with what to do about it.
    public var description: String {
        switch self {
        case .outputDirectoryMissing(let path):
            return "output directory \(path) does not exist (run `make book` first)"
        case .noPages(let path):
            return "no *.html page under \(path)"
        case .browserNotFound(let searched):
            return "no Chromium found (looked for \(searched.joined(separator: ", ")) in PATH); "
                + "install it with `apt-get install chromium` or set SITECHECK_BROWSER"
        case .browserLaunchFailed(let why):
            return "could not start the browser: \(why)"
        case .devTools(let why):
            return "DevTools protocol: \(why)"
        case .timedOut(let why):
            return "DevTools protocol: \(why)"
        case .io(let why):
            return why
        }
    }
}
