import Foundation

/// The Slurm commands a build calls: `sbatch` to submit, `squeue` to watch. Both are found on
/// `PATH`, as on a cluster's login node.
enum SlurmCommands {
    /// Submits `script`; returns the job id.
    static func submit(_ script: URL) throws -> String {
        let (status, out, err) = try execute(["sbatch", "--parsable", script.path])
        guard status == 0 else { throw BookError("sbatch failed (exit \(status)): \(err.trimmingCharacters(in: .whitespacesAndNewlines))") }
        // `--parsable` prints `jobid` or `jobid;cluster`.
        let id = out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw BookError("sbatch printed '\(out)', not a job id") }
        return id
    }

    /// The tasks of job `job` still in the queue.
    static func queue(_ job: String) throws -> SlurmQueue {
        let (status, out, err) = try execute(["squeue", "-h", "-r", "-j", job, "-o", "%i %t"])
        // Once the whole array has ended, squeue may say the job id is invalid.
        if status != 0, err.contains("Invalid job id") { return try SlurmQueue(parsing: "", job: job) }
        guard status == 0 else { throw BookError("squeue failed (exit \(status)): \(err.trimmingCharacters(in: .whitespacesAndNewlines))") }
        return try SlurmQueue(parsing: out, job: job)
    }

    /// Runs `arguments` (the first found on PATH); returns the exit status, stdout and stderr.
    static func execute(_ arguments: [String]) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { throw BookError("cannot start \(arguments[0]): \(error) (is Slurm's client installed and on PATH?)") }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }
}
