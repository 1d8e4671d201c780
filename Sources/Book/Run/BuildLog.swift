import Foundation

/// Where the build's messages go: plain lines to stdout, errors to stderr (tests capture both).
final class BuildLog: @unchecked Sendable {
    private let lock = NSLock()
    private let quiet: Bool
    private let capture: (@Sendable (String, Bool) -> Void)?
    /// Whether stderr is a terminal (progress is then redrawn in place).
    let isTerminal: Bool
    private(set) var errors: [String] = []

    init(quiet: Bool = false, capture: (@Sendable (String, Bool) -> Void)? = nil) {
        self.quiet = quiet
        self.capture = capture
        self.isTerminal = capture == nil && isatty(STDERR_FILENO) == 1
    }

    /// An informational line.
    func info(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        if let capture { capture(line, false); return }
        if !quiet { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    }

    /// An error line (always printed, to stderr).
    func error(_ line: String) {
        lock.lock(); defer { lock.unlock() }
        errors.append(line)
        if let capture { capture(line, true); return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Raw terminal output for the progress display.
    func terminal(_ text: String) {
        lock.lock(); defer { lock.unlock() }
        FileHandle.standardError.write(Data(text.utf8))
    }
}
