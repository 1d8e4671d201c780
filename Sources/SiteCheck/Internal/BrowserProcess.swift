import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A headless Chromium started with `--remote-debugging-pipe`: the browser reads DevTools commands from
/// its file descriptor 3 and writes replies and events to file descriptor 4.
///
/// The browser runs in its own process group, so `terminate()` can end it together with its renderer,
/// GPU and zygote children, by that group's id. `terminate()` is idempotent and also runs on `deinit`.
final class BrowserProcess {
    /// Process id of the started browser (also its process-group id).
    let pid: pid_t
    /// The DevTools connection over the two pipes.
    let connection: DevToolsConnection
    /// Where the browser's stderr goes (read back to explain a failed start).
    let stderrPath: String
    private var finished = false

    /// Starts `executable` with `arguments` plus `--remote-debugging-pipe`.
    init(executable: String, arguments: [String], stderrPath: String) throws {
        self.stderrPath = stderrPath
        // Pipe 1: we write commands, the browser reads them on fd 3.
        // Pipe 2: the browser writes on fd 4, we read.
        let commands = try Self.makePipe()
        let replies = try Self.makePipe()

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // The pipe ends are >= 10 and close-on-exec, so dup2 onto 3 and 4 is never a no-op and only
        // these two descriptors survive the exec.
        posix_spawn_file_actions_adddup2(&actions, commands.read, 3)
        posix_spawn_file_actions_adddup2(&actions, replies.write, 4)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let argv = ([executable] + arguments + ["--remote-debugging-pipe"]).map { strdup($0) }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") }
        defer {
            argv.forEach { free($0) }
            environment.forEach { free($0) }
        }
        var child: pid_t = 0
        let status = (argv + [nil]).withUnsafeBufferPointer { argvBuffer in
            (environment + [nil]).withUnsafeBufferPointer { environmentBuffer in
                posix_spawn(&child, executable, &actions, &attributes,
                            UnsafeMutablePointer(mutating: argvBuffer.baseAddress!),
                            UnsafeMutablePointer(mutating: environmentBuffer.baseAddress!))
            }
        }
        close(commands.read)
        close(replies.write)
        guard status == 0 else {
            close(commands.write)
            close(replies.read)
            throw SiteCheckError.browserLaunchFailed("posix_spawn \(executable): \(String(cString: strerror(status)))")
        }
        self.pid = child
        self.connection = DevToolsConnection(readDescriptor: replies.read, writeDescriptor: commands.write)
    }

    deinit {
        terminate()
    }

    /// Asks the browser to close, then ends its process group (SIGTERM, then SIGKILL) and reaps it.
    func terminate() {
        guard !finished else { return }
        finished = true
        _ = try? connection.call("Browser.close", timeout: 3)
        if !waitForExit(seconds: 3) {
            kill(-pid, SIGTERM)
            if !waitForExit(seconds: 3) {
                kill(-pid, SIGKILL)
                _ = waitForExit(seconds: 5)
            }
        }
        // Children that outlived the browser (renderers reparented to init) share its group.
        kill(-pid, SIGKILL)
        connection.close()
    }

    /// `true` once the browser has exited (reaped with `waitpid`).
    private func waitForExit(seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < deadline {
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid || (result == -1 && errno == ECHILD) { return true }
            usleep(20_000)
        }
        return false
    }

    /// The last lines the browser wrote to stderr, to explain a failure.
    func stderrTail(lines: Int = 8) -> String {
        guard let data = FileManager.default.contents(atPath: stderrPath) else { return "" }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    private static func makePipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else {
            throw SiteCheckError.browserLaunchFailed("pipe: \(String(cString: strerror(errno)))")
        }
        // Move both ends to >= 10 with close-on-exec set.
        let read = fcntl(descriptors[0], F_DUPFD_CLOEXEC, 10)
        let write = fcntl(descriptors[1], F_DUPFD_CLOEXEC, 10)
        close(descriptors[0])
        close(descriptors[1])
        guard read >= 0, write >= 0 else {
            throw SiteCheckError.browserLaunchFailed("fcntl: \(String(cString: strerror(errno)))")
        }
        return (read, write)
    }
}
