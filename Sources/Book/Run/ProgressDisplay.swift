import Foundation

/// Training progress: on a terminal one status line redrawn in place (done, running with epoch,
/// loss and accuracy, left, time remaining); otherwise a plain log line per started/finished run.
final class ProgressDisplay: @unchecked Sendable {
    private let lock = NSLock()
    private let total: Int
    private let log: BuildLog
    private let start = Date()
    private var done = 0
    private var running: [String: RunProgress?] = [:]
    private var finishedSeconds: [Double] = []
    private var lastDraw = Date.distantPast
    /// Off a terminal: when each run last logged its epoch (one line per run every 30 s at most).
    private var lastLogged: [String: Date] = [:]

    init(total: Int, log: BuildLog) {
        self.total = total
        self.log = log
    }

    func started(_ name: String) {
        lock.lock(); defer { lock.unlock() }
        running[name] = .some(nil)
        if !log.isTerminal { log.info("  start  \(name)") }
        draw(force: true)
    }

    func update(_ name: String, _ progress: RunProgress) {
        lock.lock(); defer { lock.unlock() }
        running[name] = progress
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
        if log.isTerminal { log.terminal("\r\u{1B}[K") }
        log.info("  cached \(name) (trained by another build)")
        draw(force: true)
    }

    func finished(_ name: String, seconds: Double, failed: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        running[name] = nil
        done += 1
        finishedSeconds.append(seconds)
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

    /// The estimated time left: mean finished run time × runs left ÷ parallel runs.
    private var remaining: String {
        guard !finishedSeconds.isEmpty else { return "?" }
        let mean = finishedSeconds.reduce(0, +) / Double(finishedSeconds.count)
        let parallel = max(1, running.count)
        let left = Double(total - done) * mean / Double(parallel)
        return left < 60 ? "\(Int(left)) s" : "\(Int(left / 60)) min \(Int(left) % 60) s"
    }

    private func draw(force: Bool) {
        guard log.isTerminal, force || Date().timeIntervalSince(lastDraw) > 0.2 else { return }
        lastDraw = Date()
        let active = running.keys.sorted().map { name -> String in
            guard let p = running[name] ?? nil else { return "\(name) …" }
            return "\(name) ep \(p.epoch)/\(p.epochs) loss \(String(format: "%.3f", p.loss)) acc \(String(format: "%.3f", p.accuracy))"
        }
        let left = total - done - running.count
        var line = "train: \(done) done · \(running.count) running · \(left) left · ETA \(remaining) · " + active.joined(separator: " | ")
        let width = 160
        if line.count > width { line = String(line.prefix(width - 1)) + "…" }
        log.terminal("\r\u{1B}[K" + line)
    }
}
