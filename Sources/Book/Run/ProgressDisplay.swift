import Foundation

/// Training progress: on a terminal one status line redrawn in place (done, running with epoch,
/// loss and accuracy, left, time remaining), cut to the terminal's width; otherwise a plain log line
/// per started/finished run and one per running run every 30 seconds.
///
/// The time remaining adds up each run's expected cost: the mean time of its experiment's runs
/// finished in this build, else of its experiment's runs in the cache (the previous build's
/// times), else of its experiment's committed runs (`Output/data`, whatever their keys: after a
/// training-core version change no key matches but the times still hold), else the mean over every
/// run timed so far; a running run counts what it has left.
/// The sum is divided by the number of runs trained at once.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let jobs: Int
    private let log: BuildLog
    private let start = Date()
    private var done = 0
    private var running: [String: (progress: RunProgress?, started: Date)] = [:]
    /// Experiment of each run (by display name), and runs not yet finished.
    private let experimentOf: [String: String]
    private var pending: Set<String>
    /// Seconds of finished runs per experiment: this build's, and the previous builds' (cache).
    private var finished: [String: [Double]] = [:]
    private let history: [String: [Double]]
    private var lastDraw = Date.distantPast
    /// Off a terminal: when each run last logged its epoch (one line per run every 30 s at most).
    private var lastLogged: [String: Date] = [:]

    /// A display for `runs` (display name, experiment id) trained `jobs` at a time; `history` holds
    /// the wall times of each experiment's runs from earlier builds.
    init(runs: [(name: String, experiment: String)], jobs: Int, history: [String: [Double]], log: BuildLog) {
        total = runs.count
        self.jobs = max(1, jobs)
        self.log = log
        self.history = history
        experimentOf = Dictionary(runs.map { ($0.name, $0.experiment) }, uniquingKeysWith: { a, _ in a })
        pending = Set(runs.map(\.name))
    }

    func started(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        running[name] = (nil, Date())
        if !log.isTerminal { log.info("  start  \(name)") }
        draw(force: true)
    }

    func update(_ name: String, _ progress: RunProgress) {
        lock.lock(); defer { lock.unlock() }
        running[name] = (progress, running[name]?.started ?? Date())
        if !log.isTerminal {
            let now = Date()
            if now.timeIntervalSince(lastLogged[name] ?? start) >= 30 {
                lastLogged[name] = now
                log.info("  epoch  \(name) \(progress.epoch)/\(progress.epochs) loss \(String(format: "%.4f", progress.loss)) acc \(String(format: "%.4f", progress.accuracy)) [\(done)/\(total) done, ETA \(remaining)]")
            }
        }
        draw(force: false)
    }

    /// A run another build is training: this build waits for its claim.
    func waiting(_ name: String, holder: String?) {
        lock.lock(); defer { lock.unlock() }
        if log.isTerminal { log.terminal("\r\u{1B}[K") }
        log.info("  wait   \(name): another build is training it\(holder.map { " (\($0))" } ?? "")")
        draw(force: true)
    }

    /// A run another build finished meanwhile: its result is taken from the cache.
    func reused(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        done += 1
        pending.remove(name)
        if log.isTerminal { log.terminal("\r\u{1B}[K") }
        log.info("  cached \(name) (trained by another build)")
        draw(force: true)
    }

    func finished(_ name: String, seconds: Double, failed: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        running[name] = nil
        pending.remove(name)
        done += 1
        if failed == nil, let e = experimentOf[name] { finished[e, default: []].append(seconds) }
        if log.isTerminal { log.terminal("\r\u{1B}[K") }
        if let failed {
            log.error("  FAILED \(name): \(failed)")
        } else {
            log.info("  done   \(name) (\(String(format: "%.1f", seconds)) s) [\(done)/\(total)]")
        }
        draw(force: true)
    }

    func close() {
        lock.lock(); defer { lock.unlock() }
        if log.isTerminal { log.terminal("\r\u{1B}[K") }
    }

    /// The expected seconds of one run of experiment `e` (nil: nothing is known yet).
    private func expected(_ e: String?) -> Double? {
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        if let e, let m = mean(finished[e] ?? []) { return m }
        if let e, let m = mean(history[e] ?? []) { return m }
        return mean(finished.values.flatMap { $0 })
    }

    /// The estimated time left (see the type's documentation); "?" before anything is known.
    var remaining: String {
        var seconds = 0.0
        let now = Date()
        for name in pending {
            guard let cost = expected(experimentOf[name]) else { return "?" }
            if let run = running[name] {
                seconds += max(0, cost - now.timeIntervalSince(run.started))
            } else {
                seconds += cost
            }
        }
        let left = seconds / Double(min(jobs, max(1, pending.count)))
        return left < 60 ? "\(Int(left.rounded())) s" : "\(Int(left / 60)) min \(Int(left) % 60) s"
    }

    private func draw(force: Bool) {
        guard log.isTerminal, force || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let active = running.keys.sorted().map { name -> String in
            guard let p = running[name]?.progress else { return "\(name) …" }
            return "\(name) ep \(p.epoch)/\(p.epochs) loss \(String(format: "%.3f", p.loss)) acc \(String(format: "%.3f", p.accuracy))"
        }
        let left = total - done - running.count
        let line = "train: \(done) done · \(running.count) running · \(left) left · ETA \(remaining) · " + active.joined(separator: " | ")
        log.terminal("\r\u{1B}[K" + ProgressDisplay.fitted(line, width: ProgressDisplay.terminalWidth))
    }

    /// `line` cut to `width` columns (an ellipsis marks the cut); the last column is left free so
    /// the terminal does not wrap.
    static func fitted(_ line: String, width: Int) -> String {
        let room = max(10, width - 1)
        return line.count <= room ? line : String(line.prefix(room - 1)) + "…"
    }

    /// The width of the terminal on stderr (`TIOCGWINSZ`), else `$COLUMNS`, else 80.
    static var terminalWidth: Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 80
    }
}
