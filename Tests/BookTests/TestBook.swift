import Foundation
import XCTest
@testable import Book

/// A throw-away book in a temporary folder: chapters written by the test, builds run in-process
/// with their messages captured.
final class TestBook: @unchecked Sendable {
    let root: URL
    var chapters: URL { root.appendingPathComponent("Chapters") }
    var output: URL { root.appendingPathComponent("Output") }
    var cache: URL
    var kinds: [any ExperimentKind] = ExperimentRegistry.standard + [LineExperiment()]

    init(cache: URL? = nil) {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("memgen-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: root.appendingPathComponent("Chapters"), withIntermediateDirectories: true)
        self.cache = cache ?? root.appendingPathComponent("cache")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func write(_ name: String, _ text: String) {
        try! Data(text.utf8).write(to: chapters.appendingPathComponent(name))
    }

    func writeBytes(_ name: String, _ bytes: [UInt8]) {
        try! Data(bytes).write(to: chapters.appendingPathComponent(name))
    }

    func options(jobs: Int = 1, profile: Profile = .full, strict: Bool = false, output: URL? = nil, log: MessageLog) -> BuildOptions {
        BuildOptions(chaptersDirectory: chapters, outputDirectory: output ?? self.output, cacheDirectory: cache,
                     jobs: jobs, strict: strict, profile: profile, kinds: kinds,
                     capture: { line, isError in log.append(line, isError) })
    }

    @discardableResult
    func build(jobs: Int = 1, profile: Profile = .full, strict: Bool = false, output: URL? = nil) -> (BuildSummary, MessageLog) {
        let log = MessageLog()
        let summary = BookBuilder(options: options(jobs: jobs, profile: profile, strict: strict, output: output, log: log)).build()
        return (summary, log)
    }

    func check() -> (BuildSummary, MessageLog) {
        let log = MessageLog()
        return (BookBuilder(options: options(log: log)).check(), log)
    }

    func file(_ path: String) -> String? {
        (try? Data(contentsOf: output.appendingPathComponent(path))).flatMap { String(data: $0, encoding: .utf8) }
    }

    func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path) }
}

/// Captured build messages.
final class MessageLog: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var lines: [String] = []
    private(set) var errors: [String] = []

    func append(_ line: String, _ isError: Bool) {
        lock.lock(); defer { lock.unlock() }
        if isError { errors.append(line) } else { lines.append(line) }
    }
}

/// A test kind with a closed form (no data, instant): `y = slope · x + offset + seed / 1000` for
/// `x = 1…points`, and scalars `final = y(points)` and `slope`. Counts its runs.
struct LineExperiment: ExperimentKind {
    var name: String { "line" }
    var version: String { "line-1" }
    static let counter = RunCounter()

    var parameters: [SpecField] {
        [
            SpecField("slope", .number(-100...100), default: .number(1)),
            SpecField("offset", .number(-100...100), default: .number(0)),
            SpecField("points", .integer(1...1000), default: .integer(5)),
            SpecField("shape", .variant([
                SpecVariant("linear"),
                SpecVariant("power", fields: [SpecField("exponent", .number(0...4), default: .number(2))], shorthand: "exponent"),
            ]), default: .record(["linear": .record([:])])),
        ]
    }

    func check(_ spec: SpecValue) throws(KindIssue) {
        if spec[path: "slope"]?.doubleValue == 0, spec[path: "offset"]?.doubleValue == 0 {
            throw KindIssue(path: "slope", message: "slope and offset cannot both be 0")
        }
    }

    func quickOverrides(_ spec: SpecValue) -> [String: SpecValue] { ["points": .integer(2)] }

    func metrics(_ spec: SpecValue) -> MetricCatalog { MetricCatalog(series: ["x", "y"], scalars: ["final", "slope"]) }

    func dataDigest(_ spec: SpecValue, context: RunContext) throws -> String { "none" }

    func run(_ spec: SpecValue, seed: UInt64, context: RunContext) throws -> Measurements {
        LineExperiment.counter.increment(spec.canonicalJSON)
        let slope = spec[path: "slope"]!.doubleValue!, offset = spec[path: "offset"]!.doubleValue!
        let n = spec[path: "points"]!.intValue!
        var exponent = 1.0
        if let (name, f) = spec[path: "shape"]?.variantCase, name == "power" { exponent = f["exponent"]!.doubleValue! }
        let x = (1...n).map(Double.init)
        let y = x.map { slope * pow($0, exponent) + offset + Double(seed) / 1000 }
        return Measurements(series: ["x": x, "y": y], scalars: ["final": y.last!, "slope": slope])
    }
}

final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var specs: [String] = []
    func increment(_ spec: String) { lock.lock(); specs.append(spec); lock.unlock() }
    var count: Int { lock.lock(); defer { lock.unlock() }; return specs.count }
}
