#if canImport(Glibc)
import Glibc
import Synchronization
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the element-wise work of a training step (batch gathering, bias and activation passes,
/// activation derivatives with bias-gradient column sums, the optimizer's update) across as many
/// threads as OpenBLAS uses, so that the work between two matrix products does not run on one core
/// while the others wait.
///
/// `split` cuts `0..<count` into contiguous ranges, one per thread, and the body computes every
/// index with exactly the same floating-point operations as a serial loop would: results do not
/// depend on the thread count (callers split sums by output, never by the summation index).
///
/// The helper threads are started on first use and live for the whole process. Between jobs a
/// helper spins for a short while, yielding its core at every turn so that it never slows down
/// OpenBLAS (whose own worker threads wait the same way), and then sleeps on a condition variable.
/// A job costs no allocation. When another thread is already using the team, `split` simply runs
/// the body serially on the caller's thread.
final class WorkerTeam: @unchecked Sendable {
    /// The process-wide team.
    static let shared = WorkerTeam()

    /// Runs `body` over `0..<count` split into contiguous ranges on up to `BLAS.threads` threads
    /// (the caller's thread takes the first range).
    ///
    /// - Parameters:
    ///   - minimumPerThread: the least number of indices worth a thread of its own; below
    ///     `2 · minimumPerThread` the body runs serially as `body(0..<count)`.
    ///   - alignment: range boundaries are multiples of this (16 Float32 = one 64-byte cache line).
    @inline(__always)
    static func split(_ count: Int, minimumPerThread: Int, alignment: Int = 16, _ body: (Range<Int>) -> Void) {
        let parts = min(BLAS.threads, count / max(1, minimumPerThread))
        if parts <= 1 {
            if count > 0 { body(0..<count) }
            return
        }
        shared.run(count: count, parts: parts, alignment: alignment, body)
    }

    /// The range of part `index` when `0..<count` is cut into `parts` aligned pieces.
    @inline(__always)
    static func range(part index: Int, of parts: Int, count: Int, alignment: Int) -> Range<Int> {
        let a = max(1, alignment)
        let chunk = ((count + parts - 1) / parts + a - 1) / a * a
        let lower = min(count, index * chunk)
        return lower..<min(count, lower + chunk)
    }

#if canImport(Glibc)
    /// One helper thread: its mailbox (a job counter) and the lock it sleeps on.
    private final class Helper: @unchecked Sendable {
        let index: Int
        let posted = Atomic<Int>(0)
        let sleeping = Atomic<Bool>(false)
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        unowned let team: WorkerTeam

        init(index: Int, team: WorkerTeam) {
            self.index = index
            self.team = team
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(condition, nil)
        }

        /// Wakes the helper for the job just posted.
        func post() {
            posted.add(1, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) {
                pthread_mutex_lock(mutex)
                pthread_cond_signal(condition)
                pthread_mutex_unlock(mutex)
            }
        }

        /// Waits for the next job, runs its part, reports completion; forever.
        func loop() -> Never {
            var seen = 0
            while true {
                var now = posted.load(ordering: .acquiring)
                if now == seen {
                    var deadline = 0.0
                    var turns = 0
                    while now == seen {
                        sched_yield()
                        turns += 1
                        if turns & 31 == 0 {
                            let t = WorkerTeam.monotonicSeconds()
                            if deadline == 0 { deadline = t + WorkerTeam.spinSeconds }
                            else if t > deadline { now = sleep(seen: seen); break }
                        }
                        now = posted.load(ordering: .acquiring)
                    }
                }
                seen = now
                let job = team.job!
                job(WorkerTeam.range(part: index, of: team.parts, count: team.count, alignment: team.alignment))
                team.remaining.subtract(1, ordering: .releasing)
            }
        }

        private func sleep(seen: Int) -> Int {
            sleeping.store(true, ordering: .sequentiallyConsistent)
            pthread_mutex_lock(mutex)
            var now = posted.load(ordering: .sequentiallyConsistent)
            while now == seen {
                pthread_cond_wait(condition, mutex)
                now = posted.load(ordering: .sequentiallyConsistent)
            }
            pthread_mutex_unlock(mutex)
            sleeping.store(false, ordering: .relaxed)
            return now
        }
    }

    /// How long an idle helper keeps spinning before it sleeps (long enough to span the matrix
    /// products between two element-wise passes of a step).
    static let spinSeconds = 0.002

    private let busy = Atomic<Bool>(false)
    private let remaining = Atomic<Int>(0)
    private var helpers: [Helper] = []
    // The current job; written by the caller before the helpers are posted, read-only while they run.
    private var job: ((Range<Int>) -> Void)?
    private var count = 0, parts = 0, alignment = 1

    private func run(count: Int, parts: Int, alignment: Int, _ body: (Range<Int>) -> Void) {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            body(0..<count)   // another thread holds the team: serial, same results
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        while helpers.count < parts - 1 { startHelper() }
        withoutActuallyEscaping(body) { body in
            job = body
            self.count = count; self.parts = parts; self.alignment = alignment
            remaining.store(parts - 1, ordering: .relaxed)
            for h in 0..<(parts - 1) { helpers[h].post() }
            body(WorkerTeam.range(part: 0, of: parts, count: count, alignment: alignment))
            var turns = 0
            while remaining.load(ordering: .acquiring) != 0 {
                turns += 1
                if turns > 256 { sched_yield() }
            }
            job = nil
        }
    }

    private func startHelper() {
        let helper = Helper(index: helpers.count + 1, team: self)
        helpers.append(helper)
        var thread = pthread_t()
        let context = Unmanaged.passRetained(helper).toOpaque()
        let status = pthread_create(&thread, nil, { raw in
            let helper = Unmanaged<Helper>.fromOpaque(raw!).takeRetainedValue()
            helper.loop()
        }, context)
        precondition(status == 0, "WorkerTeam: pthread_create failed (\(status))")
        pthread_detach(thread)
    }

    static func monotonicSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
    }
#else
    private func run(count: Int, parts: Int, alignment: Int, _ body: (Range<Int>) -> Void) { body(0..<count) }
#endif
}
