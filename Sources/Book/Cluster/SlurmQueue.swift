/// The tasks of one job array as `squeue -h -j JOB -o '%i %t'` lists them: running tasks one per
/// line (`123_4 R`), pending ones folded into ranges (`123_[5-9,12%2] PD`).
public struct SlurmQueue: Sendable, Equatable {
    /// A task's state code (`PD` pending, `R` running, `CG` completing, …).
    public var states: [Int: String]

    /// Tasks still pending (not yet started).
    public var pending: Int { states.values.filter { $0 == "PD" }.count }
    /// Tasks started and not finished.
    public var running: Int { states.count - pending }
    /// Whether the array has left the queue (every task ended).
    public var isEmpty: Bool { states.isEmpty }

    /// Parses `squeue` output for job `job`; lines of other jobs are ignored.
    public init(parsing output: String, job: String) throws {
        states = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard fields.count >= 2 else { continue }
            let id = fields[0]
            guard id.hasPrefix(job + "_") else { continue }
            let tasks = String(id.dropFirst(job.count + 1))
            for task in try SlurmQueue.taskIndices(tasks) { states[task] = fields[1] }
        }
    }

    /// `4` → [4]; `[5-7,9%2]` → [5, 6, 7, 9].
    static func taskIndices(_ text: String) throws -> [Int] {
        if let single = Int(text) { return [single] }
        guard text.hasPrefix("["), text.hasSuffix("]") else { throw BookError("squeue: cannot read array task id '\(text)'") }
        let body = text.dropFirst().dropLast().split(separator: "%").first ?? ""
        var out: [Int] = []
        for part in body.split(separator: ",") {
            let bounds = part.split(separator: "-").map { Int($0) }
            switch bounds.count {
            case 1 where bounds[0] != nil: out.append(bounds[0]!)
            case 2 where bounds[0] != nil && bounds[1] != nil && bounds[0]! <= bounds[1]!: out += Array(bounds[0]!...bounds[1]!)
            default: throw BookError("squeue: cannot read array task range '\(part)' in '\(text)'")
            }
        }
        return out
    }
}
