import Foundation

/// Serializes builds that share a cache folder: an exclusive `flock(2)` on `<cache>/build.lock`,
/// held for the whole build. The kernel releases it when the process ends, however it ends
/// (SIGKILL included), so a killed build never leaves a stale lock. A second build waits, says so,
/// and then finds the first build's results in the cache.
final class BuildLock {
    private var descriptor: Int32 = -1

    /// Takes the lock for `cacheDirectory`, calling `waiting` once if another build holds it.
    /// When the lock file cannot be created (a read-only cache folder) the build goes on unlocked.
    init(cacheDirectory: URL, waiting: (String) -> Void) {
        try? FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        let path = cacheDirectory.appendingPathComponent("build.lock").path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        if flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            waiting("waiting for another build that uses \(BuildState.display(cacheDirectory)) to finish (lock \(BuildState.display(URL(fileURLWithPath: path))))")
            while flock(descriptor, LOCK_EX) != 0 && errno == EINTR {}
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }
}
