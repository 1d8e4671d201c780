#if canImport(Glibc)
import Glibc
import Synchronization
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits the work of a training step — its matrix products (see `BLAS`), the batch gather, the
/// bias and activation passes, activation derivatives with bias-gradient column sums, the momentum
/// update — across `BLAS.threads` threads, so that no pass runs on one core while the others wait.
///
/// `split` cuts `0..<count` into contiguous chunks, and the body computes every index with exactly
/// the same floating-point operations as a serial loop would: results do not depend on the thread
/// count or on which thread ran which chunk (callers split sums by output, never by the summation
/// index).
///
/// The helper threads are started on first use and live for the whole process. Chunks are handed
/// out one at a time from a shared counter, and the caller's thread takes chunks too: a helper that
/// the operating system has not scheduled yet (a busy machine) simply gets no work, and the caller
/// never waits for a helper that has not started. Between jobs a helper spins for a short while,
/// yielding its core at every turn so that it never holds up another thread that needs it, and
/// then sleeps on a condition variable. A job allocates nothing. When another thread is already
/// using the team, `split` runs the body serially on the caller's thread.
final class WorkerTeam: @unchecked Sendable {
    /// The process-wide team.
    static let shared = WorkerTeam()

    /// Runs `work` over `0..<count`, split into aligned chunks shared by up to `BLAS.threads` threads.
    ///
    /// - Parameters:
    ///   - minimumPerThread: the least number of indices worth a thread of its own; below
    ///     `2 · minimumPerThread` the work runs serially as `work.run(0..<count)`.
    ///   - alignment: chunk boundaries are multiples of this (16 Float32 = one 64-byte cache line).
    ///   - chunksPerThread: pieces per thread (1 for matrix products, where each piece is a call).
    @inline(__always)
    static func split<Work: ChunkWork>(_ count: Int, minimumPerThread: Int, alignment: Int = 16,
                                       chunksPerThread: Int = WorkerTeam.chunksPerThread, _ work: Work) {
        let threads = min(BLAS.threads, count / max(1, minimumPerThread))
        if threads <= 1 {
            if count > 0 { work.run(0..<count) }
            return
        }
        let chunks = min(threads * chunksPerThread, (count + alignment - 1) / max(1, alignment))
        // The helpers reach the work through a one-word pointer, which fits in the existential's
        // inline buffer: handing work over allocates nothing (a closure's context would be boxed).
        withUnsafePointer(to: work) { pointer in
            shared.run(count: count, threads: threads, chunks: chunks, alignment: alignment,
                       WorkPointer(work: pointer))
        }
    }

    /// Chunks per thread: enough that a late or slow thread holds up little, few enough that a
    /// chunk's bookkeeping (one atomic increment) is negligible.
    static let chunksPerThread = 4

    /// Chunk `index` when `0..<count` is cut into `chunks` aligned pieces (the last ones may be empty).
    @inline(__always)
    static func range(part index: Int, of chunks: Int, count: Int, alignment: Int) -> Range<Int> {
        let a = max(1, alignment)
        let size = ((count + chunks - 1) / chunks + a - 1) / a * a
        let lower = min(count, index * size)
        return lower..<min(count, lower + size)
    }

#if canImport(Glibc)
    /// A helper's relation to the current job.
    private enum Entry {
        static let open = 0, inside = 1, left = 2, closed = 3
    }

    /// One helper thread: its wake-up counter, its entry state, and the lock it sleeps on.
    private final class Helper: @unchecked Sendable {
        let posted = Atomic<Int>(0)
        /// `open` when a job may be entered, `inside` while the helper runs chunks, `left` after,
        /// `closed` when the caller finished the job without this helper.
        let entry = Atomic<Int>(Entry.closed)
        let sleeping = Atomic<Bool>(false)
        let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
        unowned let team: WorkerTeam

        init(team: WorkerTeam) {
            self.team = team
            pthread_mutex_init(mutex, nil)
            pthread_cond_init(condition, nil)
        }

        /// Opens the job just published to this helper and wakes it.
        func post() {
            entry.store(Entry.open, ordering: .releasing)
            posted.add(1, ordering: .sequentiallyConsistent)
            if sleeping.load(ordering: .sequentiallyConsistent) {
                pthread_mutex_lock(mutex)
                pthread_cond_signal(condition)
                pthread_mutex_unlock(mutex)
            }
        }

        /// After the caller has taken the last chunk: returns once this helper can no longer touch the job.
        func close() {
            if entry.compareExchange(expected: Entry.open, desired: Entry.closed, ordering: .acquiringAndReleasing).exchanged {
                return   // never entered: it will find the job closed
            }
            var turns = 0
            while entry.load(ordering: .acquiring) != Entry.left {
                turns += 1
                if turns > 64 { sched_yield() }
            }
        }

        /// Waits for a job, takes chunks while there are any, leaves; forever.
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
                if entry.compareExchange(expected: Entry.open, desired: Entry.inside, ordering: .acquiring).exchanged {
                    team.takeChunks(fromFront: false)
                    entry.store(Entry.left, ordering: .releasing)
                }
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
    /// The chunks not yet taken, `front..<back`, packed as `front << 32 | back`.
    private let untaken = Atomic<Int>(0)
    private var helpers: [Helper] = []
    // The current job; written by the caller before the helpers are posted, read-only while they run.
    private var job: (any ChunkWork)?
    private var count = 0, chunks = 0, alignment = 1

    private func run(count: Int, threads: Int, chunks: Int, alignment: Int, _ work: some ChunkWork) {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            work.run(0..<count)   // another thread holds the team: serial, same results
            return
        }
        defer { busy.store(false, ordering: .releasing) }
        while helpers.count < threads - 1 { startHelper() }
        job = work
        self.count = count; self.chunks = chunks; self.alignment = alignment
        untaken.store(chunks, ordering: .relaxed)   // front 0, back chunks
        for h in 0..<(threads - 1) { helpers[h].post() }
        takeChunks(fromFront: true)
        for h in 0..<(threads - 1) { helpers[h].close() }
        job = nil
    }

    /// Runs chunks of the current job until none is left. The caller takes chunks from the front
    /// and helpers from the back, so with two threads each runs one contiguous half when neither is
    /// held up — the same halves the two threads' blocks of the preceding matrix product wrote,
    /// still in their caches.
    private func takeChunks(fromFront: Bool) {
        guard let work = job else { return }
        while true {
            var state = untaken.load(ordering: .relaxed)
            var chunk = -1
            while true {
                let front = state >> 32, back = state & 0xFFFF_FFFF
                if front >= back { break }
                let next = fromFront ? (front + 1) << 32 | back : front << 32 | (back - 1)
                let (exchanged, current) = untaken.compareExchange(expected: state, desired: next, ordering: .relaxed)
                if exchanged { chunk = fromFront ? front : back - 1; break }
                state = current
            }
            if chunk < 0 { return }
            let r = WorkerTeam.range(part: chunk, of: chunks, count: count, alignment: alignment)
            if !r.isEmpty { work.run(r) }
        }
    }

    private func startHelper() {
        let helper = Helper(team: self)
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
    private func run(count: Int, threads: Int, chunks: Int, alignment: Int, _ work: some ChunkWork) {
        work.run(0..<count)
    }
#endif
}

/// Work over an index range that `WorkerTeam.split` may cut into chunks and run on several
/// threads: `run` must compute each index the same way whatever range it is given, and ranges
/// never overlap. Implemented by small structs that hold the pointers a pass needs.
protocol ChunkWork {
    /// Does the work for the indices `range`.
    func run(_ range: Range<Int>)
}

/// Work reached through a pointer to it (valid while `WorkerTeam.split` runs).
private struct WorkPointer<Work: ChunkWork>: ChunkWork {
    let work: UnsafePointer<Work>
    func run(_ range: Range<Int>) { work.pointee.run(range) }
}
